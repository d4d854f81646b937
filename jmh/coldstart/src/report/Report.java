import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns run.sh's raw results into the "Cold start" section of docs/benchmarks.md: medians of the
 * timed runs, class counts from the -Xlog:class+load runs, jar bytes, ratios against the SDK, and
 * whether the targets are met. Run by run.sh with the source launcher
 * ({@code java Report.java key=value...}); replaces only its own section of the document.
 */
public final class Report {

    static final String HEADING = "## Cold start: credpool-aws vs AWS SDK v2";
    static final String INTRO = "# Benchmarks\n\nMeasurements of credpool; each section names the command that produced it.\n";
    static final String[] VARIANTS = {"credpool-mp", "credpool-cp", "sdk"};
    static final String[] REFERENCES = {"ref-jvm", "ref-urlconnection", "ref-jdkhttp", "credpool-mp-quiet",
            "credpool-mp-before"};
    static final String[] RECIPE = {"credpool-mp-recipe", "sdk-recipe"};
    /** Issue 15: credpool-aws's CPU at most 0.70× the SDK's. */
    static final double CPU_TARGET = 0.70;
    /** Issue 15: credpool-aws's own CPU above one bare java.net.http HTTPS POST at most 100 ms. */
    static final double OWN_CPU_TARGET_MS = 100;
    static final double JAR_TARGET = 1.0 / 20;

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Map<String, Map<String, List<Double>>> timed = readTimed(Path.of(a.get("results")));
        Map<String, List<ClassCount>> classes = readClassLogs(Path.of(a.get("logs")));

        String section = section(a, timed, classes);
        if ("1".equals(a.get("write"))) {
            Path doc = Path.of(a.get("doc"));
            String old = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : INTRO;
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, splice(old, section), StandardCharsets.UTF_8);
            System.out.println("wrote " + doc);
        }
        System.out.println(section);
    }

    // ---------------------------------------------------------------- raw data

    /** variant -> metric -> values of the timed runs: launch wall, process wall, CPU, JIT CPU (ms). */
    static Map<String, Map<String, List<Double>>> readTimed(Path results) throws IOException {
        Map<String, Map<String, List<Double>>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(results);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (!f[1].equals("timed")) {
                continue;
            }
            double launchMs = Double.parseDouble(f[3]) * 1000;
            long arrived = Long.parseLong(f[4]);
            long start = Long.parseLong(f[5]);
            long cpu = Long.parseLong(f[6]);
            Map<String, List<Double>> m = out.computeIfAbsent(f[0], k -> new LinkedHashMap<>());
            m.computeIfAbsent("wallLaunch", k -> new ArrayList<>()).add(arrived - launchMs);
            m.computeIfAbsent("wallProcess", k -> new ArrayList<>()).add((double) (arrived - start));
            m.computeIfAbsent("cpu", k -> new ArrayList<>()).add(cpu / 1e6);
            m.computeIfAbsent("jit", k -> new ArrayList<>()).add(Double.parseDouble(f[7]));
        }
        return out;
    }

    /** Classes loaded before the marker class, by where they came from, and by package. */
    static final class ClassCount {
        int total;
        int cds;       // the JDK's default CDS archive
        int jrt;       // the JDK runtime image, parsed and defined at run time
        int path;      // jars on the class path / module path
        int generated; // lambda forms, lambda proxies, reflection accessors, proxies: defined at run time
        final Map<String, Integer> byPackage = new TreeMap<>();
    }

    static Map<String, List<ClassCount>> readClassLogs(Path dir) throws IOException {
        Map<String, List<ClassCount>> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(Arrays.asList(VARIANTS));
        all.addAll(Arrays.asList(REFERENCES));
        all.addAll(Arrays.asList(RECIPE));
        for (String v : all) {
            for (int i = 1; ; i++) {
                Path log = dir.resolve(v + "-" + i + ".log");
                if (!Files.exists(log)) {
                    break;
                }
                out.computeIfAbsent(v, k -> new ArrayList<>()).add(count(log));
            }
        }
        return out;
    }

    static ClassCount count(Path log) throws IOException {
        ClassCount c = new ClassCount();
        boolean marker = false;
        for (String line : Files.readAllLines(log)) {
            int tag = line.indexOf("[class,load] ");
            if (tag < 0) {
                continue;
            }
            String rest = line.substring(tag + "[class,load] ".length());
            int sp = rest.indexOf(' ');
            String name = sp < 0 ? rest : rest.substring(0, sp);
            if (name.endsWith(".Arrived") && name.startsWith("coldstart.")) {
                marker = true;
                break;
            }
            c.total++;
            String source = sp < 0 ? "" : rest.substring(sp + 1);
            if (source.contains("source: shared objects file")) {
                c.cds++;
            } else if (source.contains("source: jrt:/")) {
                c.jrt++;
            } else if (source.contains("source: file:") || source.contains("source: jar:")) {
                c.path++;
            } else {
                c.generated++;
            }
            int dot = name.lastIndexOf('.');
            c.byPackage.merge(dot < 0 ? "(default)" : name.substring(0, dot), 1, Integer::sum);
        }
        if (!marker) {
            throw new IllegalStateException("no marker class in " + log);
        }
        return c;
    }

    // ---------------------------------------------------------------- statistics

    static double quantile(List<Double> values, double q) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    static double medianOf(List<ClassCount> counts, java.util.function.ToIntFunction<ClassCount> f) {
        List<Double> v = new ArrayList<>();
        for (ClassCount c : counts) {
            v.add((double) f.applyAsInt(c));
        }
        return median(v);
    }

    // ---------------------------------------------------------------- the section

    static String section(Map<String, String> a, Map<String, Map<String, List<Double>>> timed,
                          Map<String, List<ClassCount>> classes) {
        StringBuilder s = new StringBuilder();
        s.append(HEADING).append("\n\n");
        s.append("Process start to first secret in a fresh JVM, against one local HTTPS fake Secrets Manager ")
                .append("(JDK `HttpServer`, self-signed EC certificate from `keytool`, a long-lived process answering ")
                .append("`GetSecretValue` with a fixed database secret). ")
                .append("**credpool-aws**: `credpool-core` + `credpool-aws`, the `aws-secrets-manager` provider found ")
                .append("with `ServiceLoader`, `open(Environment.system())`, `credentials()`; on the module path ")
                .append("(`java -p … -m`) and, as a second column, on the class path. ")
                .append("**AWS SDK v2** ")
                .append("2.57.8: `SecretsManagerClient` with `UrlConnectionHttpClient`, region, `endpointOverride` and ")
                .append("`StaticCredentialsProvider` set explicitly, `getSecretValue(...).secretString()`, on the class ")
                .append("path; the service's default Apache 5 and Netty HTTP clients are excluded (as for a Lambda that ")
                .append("picks the url-connection client), which makes the SDK smaller than its default. ")
                .append("credpool does a little more before its marker (it also parses the secret JSON into a ")
                .append("`DatabaseConfig`), and it writes its three INFO lines of DESIGN.md through ")
                .append("`java.util.logging` to stderr, where the SDK writes only SLF4J's one-time no-binding notice.\n\n");

        s.append("| metric | credpool-aws (module path) | credpool-aws (class path) | AWS SDK v2 | ratio, module path | ratio, class path |\n");
        s.append("|---|---:|---:|---:|---:|---:|\n");
        String[][] timeRows = {
                {"cpu", "CPU time, process start → first secret (median)", "ms"},
                {"jit", "… of which in the JIT compiler threads (median)", "ms"},
                {"wallLaunch", "wall time, exec → first secret (median)", "ms"},
                {"wallProcess", "wall time, `ProcessHandle` start instant → first secret (median; see below)", "ms"},
        };
        for (String[] row : timeRows) {
            double mp = median(timed.get("credpool-mp").get(row[0]));
            double cp = median(timed.get("credpool-cp").get(row[0]));
            double sdk = median(timed.get("sdk").get(row[0]));
            s.append("| ").append(row[1]).append(" | ").append(ms(mp)).append(" | ").append(ms(cp)).append(" | ")
                    .append(ms(sdk)).append(" | ").append(ratio(mp / sdk)).append(" | ").append(ratio(cp / sdk))
                    .append(" |\n");
        }
        String[][] classRows = {
                {"total", "classes loaded before the first secret (median)"},
                {"cds", "… from the JDK's CDS archive"},
                {"jrt", "… from the JDK runtime image (not archived)"},
                {"path", "… from the jars on the path"},
                {"generated", "… generated at run time (lambda forms, lambdas, proxies)"},
        };
        for (String[] row : classRows) {
            java.util.function.ToIntFunction<ClassCount> f = field(row[0]);
            double mp = medianOf(classes.get("credpool-mp"), f);
            double cp = medianOf(classes.get("credpool-cp"), f);
            double sdk = medianOf(classes.get("sdk"), f);
            s.append("| ").append(row[1]).append(" | ").append(count(mp)).append(" | ").append(count(cp)).append(" | ")
                    .append(count(sdk)).append(" | ").append(ratio(mp / sdk)).append(" | ").append(ratio(cp / sdk))
                    .append(" |\n");
        }
        long jarMp = Long.parseLong(a.get("jar_bytes.credpool-mp"));
        long jarCp = Long.parseLong(a.get("jar_bytes.credpool-cp"));
        long jarSdk = Long.parseLong(a.get("jar_bytes.sdk"));
        s.append("| bytes of library jars on the path | ").append(bytes(jarMp, a.get("jar_count.credpool-mp")))
                .append(" | ").append(bytes(jarCp, a.get("jar_count.credpool-cp"))).append(" | ")
                .append(bytes(jarSdk, a.get("jar_count.sdk"))).append(" | ")
                .append(ratio((double) jarMp / jarSdk)).append(" (1/").append(Math.round((double) jarSdk / jarMp))
                .append(") | ").append(ratio((double) jarCp / jarSdk)).append(" (1/")
                .append(Math.round((double) jarSdk / jarCp)).append(") |\n\n");

        s.append("Spread of the timed runs (min / p25 / p75 / max):\n\n");
        s.append("| client | CPU ms | wall ms, exec → first secret |\n|---|---|---|\n");
        for (String v : VARIANTS) {
            s.append("| ").append(label(v)).append(" | ").append(spread(timed.get(v).get("cpu"))).append(" | ")
                    .append(spread(timed.get(v).get("wallLaunch"))).append(" |\n");
        }
        s.append('\n');

        if (timed.containsKey("ref-jvm")) {
            double sdkCpu = median(timed.get("sdk").get("cpu"));
            s.append("Reference points, interleaved with the runs above (same endpoint, JVM options and environment):\n\n");
            s.append("| reference | CPU (median) | of which JIT | wall, exec → answer (median) | classes | CPU vs AWS SDK v2 |\n");
            s.append("|---|---:|---:|---:|---:|---:|\n");
            for (String v : REFERENCES) {
                if (!timed.containsKey(v)) {
                    continue;
                }
                double cpu = median(timed.get(v).get("cpu"));
                s.append("| ").append(label(v)).append(" | ").append(ms(cpu)).append(" | ")
                        .append(ms(median(timed.get(v).get("jit")))).append(" | ")
                        .append(ms(median(timed.get(v).get("wallLaunch")))).append(" | ")
                        .append(classes.containsKey(v) ? count(medianOf(classes.get(v), c -> c.total)) : "–")
                        .append(" | ").append(ratio(cpu / sdkCpu)).append(" |\n");
            }
            s.append('\n');
        }

        // Targets (issue 15).
        double sdkCpuAll = median(timed.get("sdk").get("cpu"));
        double cpuMp = median(timed.get("credpool-mp").get("cpu")) / sdkCpuAll;
        double cpuCp = median(timed.get("credpool-cp").get("cpu")) / sdkCpuAll;
        double jarRatio = (double) jarMp / jarSdk;
        s.append("**Targets.** CPU time at most 0.70× the SDK's: ");
        s.append(cpuMp <= CPU_TARGET ? "**met** on the module path (" : "**not met** on the module path (")
                .append(ratio(cpuMp)).append(")");
        s.append(cpuCp <= CPU_TARGET ? ", **met** on the class path (" : ", **not met** on the class path (")
                .append(ratio(cpuCp)).append("). ");
        if (timed.containsKey("ref-jdkhttp")) {
            double mpCpu = median(timed.get("credpool-mp").get("cpu"));
            double jdkHttp = median(timed.get("ref-jdkhttp").get("cpu"));
            double own = mpCpu - jdkHttp;
            s.append("credpool-aws's own CPU above one bare `java.net.http` HTTPS POST at most 100 ms: ")
                    .append(own <= OWN_CPU_TARGET_MS ? "**met** (" : "**not met** (").append(ms(own))
                    .append(" on the module path: ").append(ms(mpCpu)).append(" − ").append(ms(jdkHttp)).append(")");
            if (timed.containsKey("credpool-mp-quiet")) {
                double quiet = median(timed.get("credpool-mp-quiet").get("cpu"));
                s.append("; of it, its three INFO lines through `java.util.logging` are ").append(ms(mpCpu - quiet))
                        .append(" and the rest ").append(ms(quiet - jdkHttp));
            }
            s.append(". ");
        }
        s.append("Jar bytes at most 1/20 of the SDK's (an earlier target): ")
                .append(jarRatio <= JAR_TARGET ? "**met** (" : "**not met** (")
                .append(ratio(jarRatio)).append(", 1/").append(Math.round(1 / jarRatio)).append("). ")
                .append("These are medians of separate runs, so the differences between them are rough.\n\n");

        if (timed.containsKey("credpool-mp-recipe") && timed.containsKey("sdk-recipe")) {
            double mpDefault = median(timed.get("credpool-mp").get("cpu"));
            double mpRecipe = median(timed.get("credpool-mp-recipe").get("cpu"));
            double sdkRecipe = median(timed.get("sdk-recipe").get("cpu"));
            s.append("**The Lambda recipe**, applied to both clients alike and interleaved with the runs above: each ")
                    .append("client's own AppCDS archive, made by one training run of that client with ")
                    .append("`-XX:ArchiveClassesAtExit=app.jsa` and then used with `-XX:SharedArchiveFile=app.jsa`, ")
                    .append("plus `").append(a.get("recipe_opts")).append("` (C1 only). Archive sizes: credpool-aws ")
                    .append(String.format(Locale.ROOT, "%,d B", Long.parseLong(a.get("cds_bytes.credpool-mp"))))
                    .append(", AWS SDK v2 ")
                    .append(String.format(Locale.ROOT, "%,d B", Long.parseLong(a.get("cds_bytes.sdk"))))
                    .append(".\n\n");
            s.append("| metric | credpool-aws (module path) + recipe | AWS SDK v2 + recipe | ratio |\n");
            s.append("|---|---:|---:|---:|\n");
            String[][] recipeRows = {
                    {"cpu", "CPU time, process start → first secret (median)"},
                    {"jit", "… of which in the JIT compiler threads (median)"},
                    {"wallLaunch", "wall time, exec → first secret (median)"},
            };
            for (String[] row : recipeRows) {
                double mp = median(timed.get("credpool-mp-recipe").get(row[0]));
                double sdk = median(timed.get("sdk-recipe").get(row[0]));
                s.append("| ").append(row[1]).append(" | ").append(ms(mp)).append(" | ").append(ms(sdk))
                        .append(" | ").append(ratio(mp / sdk)).append(" |\n");
            }
            if (classes.containsKey("credpool-mp-recipe") && classes.containsKey("sdk-recipe")) {
                double mp = medianOf(classes.get("credpool-mp-recipe"), c -> c.total - c.cds);
                double sdk = medianOf(classes.get("sdk-recipe"), c -> c.total - c.cds);
                s.append("| classes not from a CDS archive before the first secret (median) | ").append(count(mp))
                        .append(" | ").append(count(sdk)).append(" | ").append(ratio(mp / sdk)).append(" |\n");
            }
            s.append("| CPU with the recipe vs without it, same client (medians) | ")
                    .append(ratio(mpRecipe / mpDefault)).append(" | ").append(ratio(sdkRecipe / sdkCpuAll))
                    .append(" | |\n");
            s.append("| credpool-aws + recipe vs the SDK **without** it (CPU) | ").append(ratio(mpRecipe / sdkCpuAll))
                    .append(" | | |\n\n");
            s.append("Spread of the recipe runs, CPU ms (min / p25 / p75 / max): credpool-aws ")
                    .append(spread(timed.get("credpool-mp-recipe").get("cpu"))).append("; AWS SDK v2 ")
                    .append(spread(timed.get("sdk-recipe").get("cpu"))).append(".\n\n");
        }

        s.append("Top packages by classes loaded before the first secret (one run each):\n\n");
        s.append("| credpool-aws (module path) | AWS SDK v2 |\n|---|---|\n");
        List<Map.Entry<String, Integer>> topMp = top(classes.get("credpool-mp").get(0).byPackage, 12);
        List<Map.Entry<String, Integer>> topSdk = top(classes.get("sdk").get(0).byPackage, 12);
        for (int i = 0; i < Math.max(topMp.size(), topSdk.size()); i++) {
            s.append("| ").append(i < topMp.size() ? pkg(topMp.get(i)) : "").append(" | ")
                    .append(i < topSdk.size() ? pkg(topSdk.get(i)) : "").append(" |\n");
        }
        s.append('\n');

        s.append("How it was measured: `").append(a.get("command")).append("` on ").append(a.get("date"))
                .append("; ").append(a.get("warmup")).append(" warm-up runs per client, then ").append(a.get("runs"))
                .append(" timed runs per client in fresh JVMs, interleaved (the order rotated each round), then ")
                .append(a.get("class_runs")).append(" runs per client with `-Xlog:class+load` for the class counts ")
                .append("(the logging is kept out of the timed runs). The child takes its numbers when the secret is ")
                .append("in hand and halts: CPU is `ProcessHandle.current().info().totalCpuDuration()` (user + system, ")
                .append("all threads, 10 ms ticks); \"exec\" is the script's `$EPOCHREALTIME` just before it execs the ")
                .append("JVM; the `ProcessHandle` start instant comes from the kernel in 10 ms ticks added to the boot time ")
                .append("in whole seconds, so that row is off by a constant (under a second, the same for every run); the ")
                .append("exec row is the one to read. Classes are the log lines before the benchmark's marker class. ")
                .append("Jar bytes count the library ")
                .append("jars only (neither the JDK nor the benchmark's one-class main jars). ")
                .append("JVM options, the same for every run: none besides the truststore ")
                .append("(`-Djavax.net.ssl.trustStore=… -Djavax.net.ssl.trustStorePassword=… ")
                .append("-Djavax.net.ssl.trustStoreType=PKCS12`), i.e. JDK defaults (G1, tiered JIT, default CDS ")
                .append("archive), except the recipe runs, which add their archive and C1-only options; the environment is emptied (`env -i`) and holds only the AWS variables, ")
                .append("`APP_ENV=production`, `AWS_EC2_METADATA_DISABLED=true`, `PATH`, `LANG` and an empty `HOME`.\n\n");
        s.append("Machine: ").append(a.get("cpu")).append(", `nproc` = ").append(a.get("nproc")).append(", ")
                .append(a.get("os")).append("; JDK ").append(a.get("jdk")).append(". ")
                .append("**The machine was shared with other builds while this ran** (load average ")
                .append(a.get("load_before")).append(" before, ").append(a.get("load_after"))
                .append(" after, on ").append(a.get("nproc")).append(" CPUs), so wall times are inflated and noisy; ")
                .append("CPU time and class counts are the steadier numbers, and the ratios matter more than the ")
                .append("absolute values.\n");
        return s.toString();
    }

    static java.util.function.ToIntFunction<ClassCount> field(String name) {
        switch (name) {
            case "total": return c -> c.total;
            case "cds": return c -> c.cds;
            case "jrt": return c -> c.jrt;
            case "path": return c -> c.path;
            default: return c -> c.generated;
        }
    }

    static List<Map.Entry<String, Integer>> top(Map<String, Integer> byPackage, int n) {
        List<Map.Entry<String, Integer>> all = new ArrayList<>(byPackage.entrySet());
        all.sort((x, y) -> y.getValue() - x.getValue() != 0 ? y.getValue() - x.getValue() : x.getKey().compareTo(y.getKey()));
        return all.subList(0, Math.min(n, all.size()));
    }

    static String pkg(Map.Entry<String, Integer> e) {
        return "`" + e.getKey() + "` " + e.getValue();
    }

    static String label(String v) {
        switch (v) {
            case "credpool-mp": return "credpool-aws (module path)";
            case "credpool-cp": return "credpool-aws (class path)";
            case "ref-jvm": return "bare JVM: `main` reports at once";
            case "ref-urlconnection": return "one HTTPS POST with `HttpsURLConnection` (the SDK's url-connection transport), no signing, no JSON";
            case "ref-jdkhttp": return "one HTTPS POST with `java.net.http.HttpClient` (credpool-aws's transport), no signing, no JSON";
            case "credpool-mp-quiet": return "credpool-aws (module path) with `io.credpool` logging at WARNING (its three INFO lines off)";
            case "credpool-mp-before": return "credpool-aws (module path), the jars given with `--before` (built from an earlier commit)";
            default: return "AWS SDK v2";
        }
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.0f ms", v);
    }

    static String count(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    static String bytes(long b, String jars) {
        return String.format(Locale.ROOT, "%,d B (%s jars)", b, jars);
    }

    static String spread(List<Double> v) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f", quantile(v, 0), quantile(v, 0.25),
                quantile(v, 0.75), quantile(v, 1));
    }

    /** {@code doc} with the section under {@link #HEADING} replaced by {@code section}, or appended. */
    static String splice(String doc, String section) {
        List<String> lines = new ArrayList<>(Arrays.asList(doc.split("\n", -1)));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(HEADING)) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            String base = doc.endsWith("\n") ? doc : doc + "\n";
            return base + "\n" + section;
        }
        int end = lines.size();
        for (int i = start + 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("## ") || lines.get(i).startsWith("# ")) {
                end = i;
                break;
            }
        }
        String before = String.join("\n", lines.subList(0, start));
        String after = String.join("\n", lines.subList(end, lines.size()));
        return before + (before.isEmpty() ? "" : "\n") + section + (after.isEmpty() ? "" : "\n" + after);
    }
}
