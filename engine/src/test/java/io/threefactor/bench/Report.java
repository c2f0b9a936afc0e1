package io.threefactor.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the figures: one block per case (its runs, e.g. engine and direct SQL, and the ratios), then a summary
 * against the targets.
 */
final class Report {

    static final double TARGET_THROUGHPUT_RATIO = 0.7;
    static final double TARGET_P99_RATIO = 2.0;

    /** One measured run with the CPU each party used during its measured window. */
    record Run(LoadDriver.Result result, double engineCpuSeconds, double pgCpuSeconds, double driverCpuSeconds,
               double otherCpuSeconds, double machineBusy) { }

    /** A case's runs, in the order of its sides; runs.get(0) is the subject, runs.get(1) its baseline. */
    record CaseResult(BenchCase benchCase, boolean verified, List<Run> runs) {
        double throughputRatio() {
            return throughputRatio(1);
        }

        double p99Ratio() {
            return p99Ratio(1);
        }

        /** Subject over run i. */
        double throughputRatio(int i) {
            return runs.get(0).result().throughput() / runs.get(i).result().throughput();
        }

        double p99Ratio(int i) {
            return (double) runs.get(0).result().latencies().p99Nanos() / runs.get(i).result().latencies().p99Nanos();
        }

        long errors() {
            return runs.stream().mapToLong(r -> r.result().errors()).sum();
        }
    }

    private final PrintStream out;
    private final List<CaseResult> results = new ArrayList<>();

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
        line("%-15s %-7s %9s %8s %8s %8s %7s %9s %8s %8s %8s %6s", "query", "side", "req/s", "p50 ms", "p99 ms",
                "max ms", "errors", "engineCPU", "pgCPU", "drvCPU", "otherCPU", "busy");
    }

    void add(CaseResult r) {
        results.add(r);
        List<BenchCase.Side> sides = r.benchCase().sides();
        String[] subjectBaseline = r.benchCase().ratioLabel().split("/");
        for (int i = 0; i < sides.size(); i++) {
            row(i == 0 ? r.benchCase().name() + (r.verified() ? "" : " (!)") : "", sides.get(i).label(), r.runs().get(i));
        }
        for (int i = 1; i < sides.size(); i++) {
            String label = i == 1 ? r.benchCase().ratioLabel() : subjectBaseline[0] + "/" + sides.get(i).label();
            line("%-15s %-7s %9.2f %8s %8.2f   (%s)", "", "ratio", r.throughputRatio(i), "", r.p99Ratio(i), label);
        }
        StringBuilder cpu = new StringBuilder();
        for (int i = 0; i < sides.size(); i++) {
            Run run = r.runs().get(i);
            cpu.append(i > 0 ? "; " : "").append(sides.get(i).label()).append(" path ");
            if (sides.get(i).via() == BenchCase.Via.ENGINE) {
                cpu.append(String.format(Locale.ROOT, "%.3f engine + ", perRequestMs(run.engineCpuSeconds(), run)));
            }
            cpu.append(String.format(Locale.ROOT, "%.3f pg + %.3f driver", perRequestMs(run.pgCpuSeconds(), run),
                    perRequestMs(run.driverCpuSeconds(), run)));
        }
        line("%-15s CPU ms per request: %s", "", cpu);
        for (int i = 0; i < sides.size(); i++) {
            Run run = r.runs().get(i);
            if (run.result().firstError() != null) {
                line("%-15s first error (%s): %s", "", sides.get(i).label(), run.result().firstError());
            }
        }
    }

    private void row(String name, String side, Run run) {
        LoadDriver.Result x = run.result();
        line("%-15s %-7s %9.0f %8.2f %8.2f %8.2f %7d %8.1fs %7.1fs %7.1fs %7.1fs %5.0f%%", name, side,
                x.throughput(), ms(x.latencies().p50Nanos()), ms(x.latencies().p99Nanos()), ms(x.latencies().maxNanos()),
                x.errors(), run.engineCpuSeconds(), run.pgCpuSeconds(), run.driverCpuSeconds(), run.otherCpuSeconds(),
                run.machineBusy() * 100);
    }

    void summary() {
        line("");
        line("summary (targets: throughput engine/SQL >= %.1f, p99 engine/SQL <= %.1f; coach/admin is the cost of permissions)", TARGET_THROUGHPUT_RATIO,
                TARGET_P99_RATIO);
        for (CaseResult r : results) {
            long errors = r.errors();
            boolean ok = r.verified() && r.throughputRatio() >= TARGET_THROUGHPUT_RATIO
                    && r.p99Ratio() <= TARGET_P99_RATIO;
            String verdict = errors > 0 ? "INVALID: " + errors + " failed requests (see first error)"
                    : !r.benchCase().hasTarget() ? "(no target)"
                    : ok ? "meets target" : "below target";
            StringBuilder more = new StringBuilder();
            List<BenchCase.Side> sides = r.benchCase().sides();
            for (int i = 2; i < sides.size(); i++) {
                more.append(String.format(Locale.ROOT, "; vs %s: throughput %.2f  p99 %.2fx", sides.get(i).label(),
                        r.throughputRatio(i), r.p99Ratio(i)));
            }
            line("  %-15s %-11s throughput %.2f  p99 %.2fx  %s%s%s", r.benchCase().name(), r.benchCase().ratioLabel(),
                    r.throughputRatio(), r.p99Ratio(), verdict, more,
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
