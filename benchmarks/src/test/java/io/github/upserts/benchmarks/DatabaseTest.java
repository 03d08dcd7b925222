package io.github.upserts.benchmarks;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The trial's embedded server: its CPU accounting and its pinning, on a real PostgreSQL. */
class DatabaseTest {
  private static final long MILLIS = 1_000_000;

  @Test
  void countsTheServersCpuTimeAlsoOfBackendsThatEndedAndUpToItsStop() throws Exception {
    try (Database database = Database.start(false)) {
      long before = Database.serverCpuNanos().orElseThrow();
      long backend;
      try (Connection c = database.connect(false); Statement s = c.createStatement()) {
        backend = database.backend(c);
        s.executeQuery("SELECT count(*) FROM generate_series(1, 5000000)").close();
      }
      // the backend has ended: its time now stands in its postmaster's account of ended children
      for (int i = 0; i < 100 && ProcessHandle.of(backend).isPresent(); i++) {
        Thread.sleep(20);
      }
      long after = Database.serverCpuNanos().orElseThrow();
      assertThat(after - before).isAtLeast(100 * MILLIS);

      database.close();
      // stopped: what it had spent when asked to stop, not nothing
      assertThat(Database.serverCpuNanos().orElseThrow()).isAtLeast(after - 20 * MILLIS);
    }
  }

  @Test
  void pinsTheServerToTheLastCpuAndThisJvmToTheOthers() throws Exception {
    int cpus = Runtime.getRuntime().availableProcessors();
    assumeTrue(cpus >= 2, "one CPU: nothing to pin apart");
    assumeTrue(new ProcessBuilder("taskset", "--version").start().waitFor() == 0, "no taskset");
    String all = "0-" + (cpus - 1);
    try (Database database = Database.start(true)) {
      long server = Database.embeddedServerPid().orElseThrow();
      assertThat(cpusAllowed(server)).isEqualTo(String.valueOf(cpus - 1));
      assertThat(cpusAllowed(ProcessHandle.current().pid()))
          .isEqualTo(cpus == 2 ? "0" : "0-" + (cpus - 2));
      // a backend started after the pinning inherits the server's CPU
      try (Connection c = database.connect(false)) {
        assertThat(cpusAllowed(database.backend(c))).isEqualTo(String.valueOf(cpus - 1));
      }
    } finally {
      // the rest of this JVM's tests run where they ran before
      new ProcessBuilder("taskset", "--all-tasks", "--pid", "--cpu-list", all,
          String.valueOf(ProcessHandle.current().pid())).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String cpusAllowed(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(line -> line.startsWith("Cpus_allowed_list:"))
        .map(line -> line.substring(line.indexOf(':') + 1).strip())
        .findFirst()
        .orElseThrow();
  }
}
