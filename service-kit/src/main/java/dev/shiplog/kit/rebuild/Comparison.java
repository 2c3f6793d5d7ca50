package dev.shiplog.kit.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/** A rebuilt projection against the live one, row for row. */
final class Comparison {

    private static final Logger LOG = Logger.getLogger(Comparison.class);

    /** Rows only in the live tables and only in the rebuilt ones, per table, ignoring the plan's columns. */
    static Map<String, RebuildReport.Difference> compare(Connection c, String schema, String next,
            Map<String, Set<String>> ignored, Set<String> carried) throws SQLException {
        Map<String, RebuildReport.Difference> out = new LinkedHashMap<>();
        for (String table : Sql.strings(c, "select table_name from information_schema.tables where table_schema = '"
                + next + "' and table_type = 'BASE TABLE' order by table_name")) {
            if (carried.contains(table)) {
                continue;
            }
            List<String> columns = Sql.strings(c, "select column_name from information_schema.columns where table_schema"
                    + " = '" + next + "' and table_name = '" + table + "' order by ordinal_position");
            columns.removeAll(ignored.getOrDefault(table, Set.of()));
            String list = String.join(", ", columns.stream().map(col -> "\"" + col + "\"").toList());
            String live = "select " + list + " from " + schema + "." + table;
            String rebuilt = "select " + list + " from " + next + "." + table;
            RebuildReport.Difference difference = new RebuildReport.Difference(
                    Sql.count(c, "select count(*) from (" + live + " except all " + rebuilt + ") d"),
                    Sql.count(c, "select count(*) from (" + rebuilt + " except all " + live + ") d"));
            if (difference.onlyLive() + difference.onlyRebuilt() > 0) {
                // a few of the rows, for whoever looks into it
                LOG.warnf("%s differs: only live %s; only rebuilt %s", table,
                        Sql.strings(c, "select d::text from (" + live + " except all " + rebuilt + ") d limit 3"),
                        Sql.strings(c, "select d::text from (" + rebuilt + " except all " + live + ") d limit 3"));
            }
            out.put(table, difference);
        }
        return out;
    }

    private Comparison() {
    }
}
