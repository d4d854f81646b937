#!/usr/bin/env python3
"""Reverts one fix of the pool-correctness review at a time and runs the build's torture test on it.

Usage: scripts/revert-check.py [N ...]   (default: 1 2 4 5 6; see docs/pool.md, "Would it have found the bugs?";
R1 R2 R3 take out the parts of resize() that keep a shrunk pool within its new maximum; G1 G2 the
two growth fixes)

Each revert is made in a scratch worktree of HEAD under /tmp by text replacement; when the code
has moved so that a replacement no longer applies, the script says so instead of testing
something else. Prints, per revert, the torture test's summary lines: a revert the harness finds
shows which invariant broke and after how many seconds of which seed.
"""
import os
import re
import subprocess
import sys
import tempfile

POOL = 'core/src/main/java/io/credpool/internal/pool/'

# revert number -> [(file, text of the fix, text of the old code)]
REVERTS = {
    '1': [('Slot.java',
           '        return LEASE.compareAndSet(this, number, number + 1);',
           '        if ((long) LEASE.getVolatile(this) != number) {\n            return false;\n        }\n'
           '        LEASE.setVolatile(this, number + 1);\n        return true;')],
    '2': [('Pool.java',
           '        } catch (Throwable e) {\n'
           '            // Errors too (a driver class that fails to load, an OutOfMemoryError): the slot must\n'
           '            // not stay claimed, or the pool shrinks for good.',
           '        } catch (SQLException | RuntimeException e) {')],
    '4': [('Pool.java',
           '            if (acquireTimeoutNanos != 0 && wallNow - deadline >= 0) {\n'
           '                offer(s);\n'
           '                return false;\n'
           '            }\n', ''),
          ('Pool.java',
           '        if (acquireTimeoutNanos != 0 && deadline - until < 0) {\n'
           '            until = deadline;\n'
           '        }\n', '')],
    '5': [('MetaDataProxy.java',
           '    private DatabaseMetaData md() throws SQLException {\n        connection.checkOpen();',
           '    private DatabaseMetaData md() throws SQLException {'),
          ('MetaDataProxy.java',
           '        return rs == null ? null : new ResultSetProxy(connection, null, rs);',
           '        return rs;')],
    '6': [('Pool.java',
           '                if (s != null) {\n'
           '                    s.set(Slot.IN_USE);\n'
           '                    if (usable(s, deadline)) {\n'
           '                        if (lending.isClosed()) {\n'
           '                            // close() waits for owned slots: this one must not leave a closed pool.\n'
           '                            retire(s, null);\n'
           '                            throw lending.closedException();\n'
           '                        }\n'
           '                        return s;\n'
           '                    }\n'
           '                }',
           '                if (s != null) {\n'
           '                    if (usable(s, deadline)) {\n'
           '                        s.set(Slot.IN_USE);\n'
           '                        return s;\n'
           '                    }\n'
           '                }'),
          ('Pool.java', 'if (state == Slot.IN_USE || state == Slot.IDLE) {', 'if (state == Slot.IN_USE) {')],
    # Not review fixes: the parts of resize() that keep a shrunk pool within its new maximum.
    'R1': [('Pool.java',
            '            for (Slot s : lending.removeIdle(s -> s.index >= maxSize)) {\n'
            '                retire(s, Evictions.RESIZED);\n'
            '            }\n', '')],
    'R2': [('Pool.java', '                all[i].evict = Evictions.RESIZED;\n', '')],
    'R3': [('Pool.java', 'return Math.min(all.length, settings.maxSize());', 'return all.length;'),
           ('Pool.java', 'if (lending.isClosed() || surplus(s)) {', 'if (lending.isClosed()) {'),
           ('Pool.java', 'if (s.generation != generation || surplus(s)) {', 'if (s.generation != generation) {')],
    # The two growth races the CI found on 2026-12-06 (docs/pool.md).
    'G1': [('Pool.java',
            '        promised.decrementAndGet();\n        offer(s);\n',
            '        offer(s);\n        promised.decrementAndGet();\n')],
    'G2': [('Pool.java', '        growing.lock();\n', ''),
           ('Pool.java', '            growing.unlock();\n', '')],
}


def revert(tree, n):
    for name, fixed, old in REVERTS[n]:
        path = os.path.join(tree, POOL, name)
        with open(path) as f:
            text = f.read()
        if text.count(fixed) != 1:
            return 'the fix no longer reads as this script expects in ' + name
        with open(path, 'w') as f:
            f.write(text.replace(fixed, old))
    return None


def main(args):
    root = subprocess.check_output(['git', 'rev-parse', '--show-toplevel'], text=True).strip()
    for n in args or ['1', '2', '4', '5', '6']:
        if n not in REVERTS:
            sys.exit('no revert ' + n + '; known: ' + ' '.join(sorted(REVERTS)))
        tree = tempfile.mkdtemp(prefix='credpool-revert' + n + '-')
        subprocess.check_call(['git', '-C', root, 'worktree', 'add', '--detach', '-q', tree, 'HEAD'])
        try:
            problem = revert(tree, n)
            if problem:
                print('revert %s: %s' % (n, problem))
                continue
            run = subprocess.run(['mvn', '-B', '-ntp', '-q', '-pl', 'core', '-am', 'verify',
                                  '-Dtest=PoolTortureTest', '-Dsurefire.failIfNoSpecifiedTests=false'],
                                 cwd=tree, capture_output=True, text=True)
            found = sorted(set(l.strip() for l in run.stdout.splitlines()
                               if re.match(r'\s*PoolTortureTest seed .*found', l)))
            print('revert %s: %s' % (n, 'found' if found else 'NOT found (mvn exit %d)' % run.returncode))
            for line in found:
                print('  ' + line)
        finally:
            subprocess.call(['git', '-C', root, 'worktree', 'remove', '--force', tree])


if __name__ == '__main__':
    main(sys.argv[1:])
