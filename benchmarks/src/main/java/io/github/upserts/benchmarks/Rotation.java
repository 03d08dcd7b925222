package io.github.upserts.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Contenders measured call by call in turn, on one thread: every round calls each of them once,
 * in an order shuffled anew per round, and adds what each call took to that contender's account.
 *
 * <p>This is how {@link SameStatement} compares contenders on a machine whose speed swings from
 * minute to minute (on the 2 shared cores here, one contender measured alone ran at 11,000
 * calls/s in one trial and 19,000 in a trial of the same code minutes later). Measured in turns,
 * every contender sees the same seconds, the same server and the same JVM, so a swing moves them
 * all together and their ratios hold. The shuffle keeps any contender from always following the
 * same other one (whose garbage it would otherwise inherit).
 *
 * <p>Per call and contender it counts the wall time ({@link System#nanoTime()}), the CPU time and
 * allocation of the calling thread (the client side), and the CPU time of the server process
 * that served the call (a PostgreSQL backend, named by its pid), from
 * {@code /proc/<pid>/schedstat} (Linux), read before and after the call, outside its timing: the
 * backend does nothing else meanwhile. {@link RotationProfiler} reports each iteration's figures
 * per contender.
 */
final class Rotation {
  /** The rotation of the trial running in this JVM, for {@link RotationProfiler}. */
  private static volatile Rotation current;

  /**
   * One contender: its name (the benchmark class's method of that name describes it), the
   * process id of the backend its calls run on (0 if none), what to do before each call,
   * neither timed nor counted (e.g. reset a table), and the call.
   */
  record Caller(String name, long serverPid, Call prepare, Call call) {
    Caller(String name, long serverPid, Call call) {
      this(name, serverPid, () -> {}, call);
    }
  }

  /** One call of a contender. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  /** What one contender spent over one iteration; {@code serverNanos} -1 when unknown. */
  record Account(long calls, long nanos, long cpuNanos, long allocatedBytes, long serverNanos) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final List<Caller> callers;
  private final Random shuffle = new Random(42);
  private final List<Integer> order;
  private final long[] calls;
  private final long[] nanos;
  private final long[] cpuNanos;
  private final long[] allocatedBytes;
  private final long[] serverNanos;
  private volatile Map<String, Account> lastIteration = Map.of();

  /**
   * Names the only contenders to run, comma-separated (e.g. {@code
   * -jvmArgsAppend -Dupserts.bench.contenders=upsertAll,jdbcUnnest}): JMH's own filters cannot
   * pick contenders that share a trial.
   */
  static final String CONTENDERS_PROPERTY = "upserts.bench.contenders";

  Rotation(List<Caller> callers) {
    String only = System.getProperty(CONTENDERS_PROPERTY, "");
    if (!only.isBlank()) {
      List<String> names = List.of(only.split(","));
      callers = callers.stream().filter(caller -> names.contains(caller.name())).toList();
      if (callers.isEmpty()) {
        throw new IllegalArgumentException("-D" + CONTENDERS_PROPERTY + "=" + only
            + " names none of this benchmark's contenders");
      }
    }
    this.callers = List.copyOf(callers);
    int n = callers.size();
    order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    calls = new long[n];
    nanos = new long[n];
    cpuNanos = new long[n];
    allocatedBytes = new long[n];
    serverNanos = new long[n];
    current = this;
  }

  static Rotation current() {
    return current;
  }

  /** Calls every contender once, in a new order. */
  void round() throws Exception {
    Collections.shuffle(order, shuffle);
    for (int i : order) {
      Caller caller = callers.get(i);
      caller.prepare().run();
      long server = serverCpuNanos(caller.serverPid());
      long cpu = THREADS.getCurrentThreadCpuTime();
      long allocated = THREADS.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      caller.call().run();
      long end = System.nanoTime();
      cpuNanos[i] += THREADS.getCurrentThreadCpuTime() - cpu;
      allocatedBytes[i] += THREADS.getCurrentThreadAllocatedBytes() - allocated;
      nanos[i] += end - start;
      calls[i]++;
      if (server >= 0 && serverNanos[i] >= 0) {
        long after = serverCpuNanos(caller.serverPid());
        serverNanos[i] = after < 0 ? -1 : serverNanos[i] + after - server;
      } else {
        serverNanos[i] = -1;
      }
    }
  }

  /** Starts an iteration's accounts afresh (call it from the iteration's set-up). */
  void startIteration() {
    for (int i = 0; i < callers.size(); i++) {
      calls[i] = 0;
      nanos[i] = 0;
      cpuNanos[i] = 0;
      allocatedBytes[i] = 0;
      serverNanos[i] = 0;
    }
  }

  /** Closes the iteration's accounts (call it from the iteration's tear-down). */
  void endIteration() {
    Map<String, Account> accounts = new LinkedHashMap<>();
    for (int i = 0; i < callers.size(); i++) {
      accounts.put(callers.get(i).name(),
          new Account(calls[i], nanos[i], cpuNanos[i], allocatedBytes[i], serverNanos[i]));
    }
    lastIteration = Collections.unmodifiableMap(accounts);
  }

  /** Per contender, in the order given, what it spent in the last iteration that ended. */
  Map<String, Account> lastIteration() {
    return lastIteration;
  }

  /** CPU time of process {@code pid} so far in nanoseconds; -1 if unknown or not Linux. */
  static long serverCpuNanos(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String schedstat = Files.readString(Path.of("/proc", Long.toString(pid), "schedstat"));
      return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
