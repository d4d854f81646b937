// credpool in jshell: open a pool, run a query, look at the stats, close.
// From the repository root, after building the examples (see README.md), with DATABASE_URL set
// in the environment or in ./.env:
//   jshell --module-path examples/target/modules --add-modules io.credpool examples/jshell/quickstart.jsh
import io.credpool.*;
import java.sql.*;

// Reads DATABASE_URL, DATABASE_<KEY> pool keys and .env, like Database.shared().
var pool = Database.open(Environment.system());
System.out.println("pool:  " + pool);   // target and counts; a pool never shows its password

try (Connection c = pool.getConnection();
     PreparedStatement s = c.prepareStatement("SELECT current_user, current_database(), 6 * 7 AS answer");
     ResultSet r = s.executeQuery()) {
    r.next();
    System.out.println("query: connected as " + r.getString(1) + " to " + r.getString(2) + "; the answer is " + r.getInt(3));
}

System.out.println("stats: " + pool.stats());
pool.close();
System.out.println("closed: " + pool.isClosed());
/exit
