package io.threefactor.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints the figures: one block per query (engine, direct SQL, ratios), then a summary against the targets. */
final class Report {

    static final double TARGET_THROUGHPUT_RATIO = 0.7;
    static final double TARGET_P99_RATIO = 2.0;

    /** One measured run with the CPU each party used during its measured window. */
    record Run(LoadDriver.Result result, double engineCpuSeconds, double pgCpuSeconds, double driverCpuSeconds,
               double otherCpuSeconds, double machineBusy) { }

    record QueryResult(BenchQuery query, boolean verified, Run engine, Run sql) {
        double throughputRatio() {
            return engine.result().throughput() / sql.result().throughput();
        }

        double p99Ratio() {
            return (double) engine.result().latencies().p99Nanos() / sql.result().latencies().p99Nanos();
        }
    }

    private final PrintStream out;
    private final List<QueryResult> results = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void line(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    void tableHeader() {
        line("");
        line("CPU columns: seconds of CPU in the measured window used by the engine process, the Postgres backends"
                + " of the benchmark database, this driver, and everything else on the machine; busy = all cores.");
        line("%-14s %-7s %9s %8s %8s %8s %7s %9s %8s %8s %8s %6s", "query", "side", "req/s", "p50 ms", "p99 ms",
                "max ms", "errors", "engineCPU", "pgCPU", "drvCPU", "otherCPU", "busy");
    }

    void add(QueryResult r) {
        results.add(r);
        row(r.query().name() + (r.verified() ? "" : " (!)"), "engine", r.engine());
        row("", "sql", r.sql());
        line("%-14s %-7s %9.2f %8s %8.2f   (engine/SQL)", "", "ratio", r.throughputRatio(), "", r.p99Ratio());
        line("%-14s CPU ms per request: engine path %.3f engine + %.3f pg + %.3f driver; SQL path %.3f pg + %.3f driver",
                "", perRequestMs(r.engine().engineCpuSeconds(), r.engine()), perRequestMs(r.engine().pgCpuSeconds(), r.engine()),
                perRequestMs(r.engine().driverCpuSeconds(), r.engine()), perRequestMs(r.sql().pgCpuSeconds(), r.sql()),
                perRequestMs(r.sql().driverCpuSeconds(), r.sql()));
        for (Run run : List.of(r.engine(), r.sql())) {
            if (run.result().firstError() != null) {
                line("%-14s first error: %s", "", run.result().firstError());
            }
        }
    }

    private void row(String name, String side, Run run) {
        LoadDriver.Result x = run.result();
        line("%-14s %-7s %9.0f %8.2f %8.2f %8.2f %7d %8.1fs %7.1fs %7.1fs %7.1fs %5.0f%%", name, side,
                x.throughput(), ms(x.latencies().p50Nanos()), ms(x.latencies().p99Nanos()), ms(x.latencies().maxNanos()),
                x.errors(), run.engineCpuSeconds(), run.pgCpuSeconds(), run.driverCpuSeconds(), run.otherCpuSeconds(),
                run.machineBusy() * 100);
    }

    void summary() {
        line("");
        line("summary (targets: throughput engine/SQL >= %.1f, p99 engine/SQL <= %.1f)", TARGET_THROUGHPUT_RATIO,
                TARGET_P99_RATIO);
        for (QueryResult r : results) {
            long errors = r.engine().result().errors() + r.sql().result().errors();
            boolean ok = r.verified() && r.throughputRatio() >= TARGET_THROUGHPUT_RATIO
                    && r.p99Ratio() <= TARGET_P99_RATIO;
            line("  %-14s throughput %.2f  p99 %.2fx  %s%s", r.query().name(), r.throughputRatio(), r.p99Ratio(),
                    errors > 0 ? "INVALID: " + errors + " failed requests (see first error)"
                            : ok ? "meets target" : "below target",
                    r.verified() ? "" : "  (ANSWERS DIFFER: see MISMATCH above)");
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double perRequestMs(double cpuSeconds, Run run) {
        int n = run.result().latencies().count();
        return n == 0 ? 0 : cpuSeconds * 1000 / n;
    }
}
