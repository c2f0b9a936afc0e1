package io.threefactor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** CPU time and memory of processes, read from /proc (Linux), so the engine is measured from outside. */
final class ProcessMetrics {

    private static final double TICKS_PER_SECOND = clockTicks();

    private ProcessMetrics() { }

    /** utime + stime of a process in seconds; 0 if it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double cpuSeconds(Collection<Long> pids) {
        return pids.stream().mapToDouble(ProcessMetrics::cpuSeconds).sum();
    }

    /** Resident set size in MiB (VmRSS). */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return 0;
    }

    /** CPU seconds the whole machine spent busy (all cores), to see what other processes took during a run. */
    static double machineBusySeconds() {
        return machineTicks()[0] / TICKS_PER_SECOND;
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Busy and total jiffies of the whole machine (first line of /proc/stat), to show how saturated it was. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[]{total - idle, total};
        } catch (IOException e) {
            return new long[]{0, 0};
        }
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (Exception e) {
            return 100;
        }
    }
}
