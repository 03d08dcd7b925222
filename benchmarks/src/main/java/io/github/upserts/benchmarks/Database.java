package io.github.upserts.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL a trial runs against, with the benchmark table created empty: an embedded
 * PostgreSQL 17 started for the trial, or the server named by the system property
 * {@value #URL_PROPERTY} (a JDBC URL with its credentials). Every contender connects with the
 * same settings (the driver's defaults); only {@link #connect(boolean)} with {@code true} adds
 * {@code reWriteBatchedInserts}.
 */
final class Database implements AutoCloseable {
  static final String URL_PROPERTY = "upserts.bench.url";
  /** Where a trial writes the server's version and settings, so the report can say what it measured. */
  static final String INFO_PROPERTY = "upserts.bench.info";
  /**
   * A data directory that {@code initdb} filled once per run: every trial starts its server on a
   * copy of it, a fresh cluster all the same, without paying for {@code initdb} every time.
   */
  static final String TEMPLATE_PROPERTY = "upserts.bench.template";
  static final String TABLE = "bench_rows";
  /** Room a trial's data directory may need: the table, and WAL up to max_wal_size (1 GB). */
  private static final long MEMORY_NEEDED = 4L << 30;

  /** {@code false} leaves client and embedded server where the scheduler puts them. */
  static final String PIN_PROPERTY = "upserts.bench.pin";

  /** The postmaster of the trial's embedded server, for {@link CpuProfiler}. */
  private static volatile ProcessHandle embeddedServer;
  private static volatile OptionalLong serverCpuAtStop = OptionalLong.empty();

  private final EmbeddedPostgres embedded;
  private final Path dataDirectory;
  private final String url;

  private Database(EmbeddedPostgres embedded, Path dataDirectory, String url) {
    this.embedded = embedded;
    this.dataDirectory = dataDirectory;
    this.url = url;
  }

  /**
   * Starts (or connects to) the database and (re)creates the empty benchmark table; with
   * {@code pinApart}, puts an embedded server and this JVM on CPUs of their own (see
   * {@link #pinApart}), for a benchmark whose one thread waits on the server call after call.
   */
  static Database start(boolean pinApart) {
    String server = System.getProperty(URL_PROPERTY, "");
    Database database;
    if (!server.isBlank()) {
      database = new Database(null, null, server);
    } else {
      try {
        String template = System.getProperty(TEMPLATE_PROPERTY, "");
        Path data = template.isBlank() ? null : copyOf(Path.of(template));
        EmbeddedPostgres postgres = data == null
            ? EmbeddedPostgres.builder().start()
            : EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        database = new Database(postgres, data, postgres.getJdbcUrl("postgres", "postgres"));
        // a fork that is stopped (Ctrl-C on the run) takes its server and data along
        Database started = database;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
      }
    }
    database.createTable();
    if (database.embedded != null) {
      ProcessHandle postmaster = database.postmaster();
      embeddedServer = postmaster;
      if (pinApart) {
        database.pinApart(postmaster);
      }
    }
    database.recordInfo();
    return database;
  }

  /**
   * Where trials keep their data: in memory ({@code /dev/shm}) when it has room, so that disk
   * writes of other programs on the machine cannot stall a trial (fsync is off anyway, and every
   * contender gets the same); else the temporary directory.
   */
  private static Path dataRoot() {
    Path memory = Path.of("/dev/shm");
    try {
      if (Files.isDirectory(memory) && Files.isWritable(memory)
          && Files.getFileStore(memory).getUsableSpace() >= MEMORY_NEEDED) {
        return memory;
      }
    } catch (IOException e) {
      // no usable /dev/shm
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** A new data directory copied from {@code template}, which is made first if missing. */
  private static Path copyOf(Path template) throws IOException {
    if (!Files.isRegularFile(template.resolve("postgresql.conf"))) {
      // initdb, then a clean shutdown; kept (not cleaned), so the next trials copy it
      EmbeddedPostgres.builder().setDataDirectory(template).setCleanDataDirectory(false).start().close();
    }
    // 0700, as PostgreSQL requires
    Path copy = Files.createTempDirectory(dataRoot(), "upserts-bench-postgres-");
    try (Stream<Path> paths = Files.walk(template)) {
      for (Path from : (Iterable<Path>) paths::iterator) {
        Path to = copy.resolve(template.relativize(from).toString());
        if (!from.equals(template)) {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return copy;
  }

  private void createTable() {
    execute("DROP TABLE IF EXISTS " + TABLE,
        "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, name text,"
            + " hits bigint NOT NULL DEFAULT 0, seen timestamptz)");
  }

  /** Writes what the trial runs on to the file {@value #INFO_PROPERTY} names, if any. */
  private void recordInfo() {
    String info = System.getProperty(INFO_PROPERTY, "");
    if (!info.isBlank()) {
      try (Connection c = connect(false);
          var rs = c.createStatement().executeQuery("SELECT current_setting('server_version'),"
              + " current_setting('fsync'), current_setting('synchronous_commit'),"
              + " current_setting('shared_buffers')")) {
        rs.next();
        String where = embedded == null
            ? "server, table recreated per trial"
            : "embedded, a fresh server per trial, data "
                + (dataDirectory != null && dataDirectory.startsWith("/dev/shm")
                    ? "in memory (/dev/shm)" : "on disk");
        Files.writeString(Path.of(info), String.format(
            "PostgreSQL %s (%s; fsync=%s, synchronous_commit=%s, shared_buffers=%s)%n",
            rs.getString(1), where, rs.getString(2), rs.getString(3), rs.getString(4)));
      } catch (SQLException | IOException e) {
        throw new IllegalStateException("Could not record the server version in " + info, e);
      }
    }
  }

  /**
   * Gives the embedded server (its postmaster, every process it has started and every one it will
   * start, the backends of the trial's connections among them) the last CPU, and this JVM the
   * others, as client and database would sit on machines of their own.
   *
   * <p>Left to the scheduler, the one client thread of a single-row trial and its backend land
   * on one CPU or on two, and stay there for the trial: on 2 cores the same contender then
   * measures 12,000 calls/s in one trial and 20,000 in the next. Pinned, every trial of every
   * contender runs the same way. Benchmarks with many threads, or whose calls keep the server
   * busy for long (bulk), are left to the scheduler: it spreads their work over both CPUs.
   * Nothing is pinned on a machine with one CPU, or without {@code taskset} (util-linux: a
   * warning says so), or with {@code -D}{@value #PIN_PROPERTY}{@code =false}.
   */
  private void pinApart(ProcessHandle postmaster) {
    int cpus = Runtime.getRuntime().availableProcessors();
    if (cpus < 2 || !Boolean.parseBoolean(System.getProperty(PIN_PROPERTY, "true"))) {
      return;
    }
    String server = String.valueOf(cpus - 1);
    // the postmaster first: whatever it starts from now on inherits its CPU
    if (!taskset(server, postmaster)) {
      System.err.println("warning: taskset (util-linux) is missing: the client and the server of"
          + " this trial share the CPUs as the scheduler sees fit");
      return;
    }
    postmaster.descendants().forEach(process -> taskset(server, process));
    taskset(cpus == 2 ? "0" : "0-" + (cpus - 2), ProcessHandle.current());
    freeCompilerThreads("0-" + (cpus - 1));
  }

  /**
   * Lets the JIT compiler threads of this JVM use every CPU again, so that compiling the hot code
   * does not take turns with the benchmark thread on one CPU (a JIT compiler thread starts new
   * ones, which inherit its CPUs). They are done by the end of the warmup.
   */
  private static void freeCompilerThreads(String cpus) {
    try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        String name;
        try {
          name = Files.readString(thread.resolve("comm")).strip();
        } catch (IOException e) {
          continue; // ended meanwhile
        }
        if (name.matches("C\\d CompilerThre.*")) {
          runTaskset(cpus, thread.getFileName().toString(), false);
        }
      }
    } catch (IOException e) {
      // no /proc: nothing was pinned either
    }
  }

  /**
   * Sets the CPUs of every thread of {@code process}; false when {@code taskset} is missing or
   * the process has ended meanwhile (a short-lived server process), which it may.
   */
  private static boolean taskset(String cpus, ProcessHandle process) {
    String output = runTaskset(cpus, String.valueOf(process.pid()), true);
    if (output == null) {
      return true;
    }
    if (process.isAlive() && !output.equals(NO_TASKSET)) {
      throw new IllegalStateException("taskset could not pin process " + process.pid()
          + " to CPU " + cpus + ": " + output.strip()
          + "; run with -D" + PIN_PROPERTY + "=false to measure unpinned");
    }
    return false;
  }

  private static final String NO_TASKSET = "no taskset";

  /** Runs taskset on {@code pid}; null when it succeeded, else what it printed. */
  private static String runTaskset(String cpus, String pid, boolean allThreads) {
    List<String> command = new ArrayList<>(List.of("taskset", "--pid", "--cpu-list", cpus, pid));
    if (allThreads) {
      command.add(1, "--all-tasks");
    }
    try {
      Process taskset = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return taskset.waitFor() == 0 ? null : output;
    } catch (IOException e) {
      return NO_TASKSET;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while pinning process " + pid, e);
    }
  }

  /** The server's postmaster: the parent of a backend, asked while that backend still serves. */
  private ProcessHandle postmaster() {
    try (Connection c = connect(false)) {
      return ProcessHandle.of(backend(c)).flatMap(ProcessHandle::parent)
          .orElseThrow(() -> new IllegalStateException(
              "Could not find the embedded PostgreSQL's postmaster among this machine's processes"));
    } catch (SQLException e) {
      throw new IllegalStateException("Could not connect to " + url, e);
    }
  }

  /** The process id of the backend serving {@code connection}. */
  long backend(Connection connection) {
    try (Statement s = connection.createStatement();
        var rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not ask " + url + " for the backend's process id", e);
    }
  }

  /**
   * The CPU time the embedded server this JVM started has spent so far, all its processes
   * together: the live ones to the nanosecond ({@link Rotation#serverCpuNanos}), the ended ones
   * as their postmaster accounts for them (in clock ticks, on Linux 10 ms), so that a trial's
   * connections closing at its end take nothing away. Once stopped, what it had spent when asked
   * to stop. Empty when this JVM started no server, or not on Linux.
   */
  static OptionalLong serverCpuNanos() {
    ProcessHandle postmaster = embeddedServer;
    if (postmaster == null) {
      return OptionalLong.empty();
    }
    if (!postmaster.isAlive()) {
      return serverCpuAtStop;
    }
    long ticks;
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(postmaster.pid()), "stat"));
      // after "pid (name) ": state is field 3, utime, stime, cutime, cstime are fields 14 to 17
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      ticks = 0;
      for (int field = 14; field <= 17; field++) {
        ticks += Long.parseLong(fields[field - 3]);
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    long nanos = ticks * NANOS_PER_TICK;
    for (ProcessHandle process : (Iterable<ProcessHandle>) postmaster.descendants()::iterator) {
      nanos += Math.max(0, Rotation.serverCpuNanos(process.pid()));
    }
    return OptionalLong.of(nanos);
  }

  /** The process id of the embedded server's postmaster, if this JVM started one. */
  static OptionalLong embeddedServerPid() {
    ProcessHandle postmaster = embeddedServer;
    return postmaster == null ? OptionalLong.empty() : OptionalLong.of(postmaster.pid());
  }

  /** Linux's clock tick for user-visible CPU times (USER_HZ, 100 on every architecture it runs). */
  private static final long NANOS_PER_TICK = 10_000_000;

  /** The JDBC URL, with its credentials: for the contenders that connect by URL (Hibernate). */
  String url() {
    return url;
  }

  /** The data source every JDBI contender uses. */
  PGSimpleDataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    return dataSource;
  }

  /**
   * A new connection in auto-commit mode, with the driver's default settings, or with
   * {@code reWriteBatchedInserts=true} (the driver then turns a batch of single-row inserts into
   * multi-row inserts).
   */
  Connection connect(boolean reWriteBatchedInserts) {
    PGSimpleDataSource dataSource = dataSource();
    dataSource.setReWriteBatchedInserts(reWriteBatchedInserts);
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not connect to " + url, e);
    }
  }

  /** Runs each statement in auto-commit mode on a connection of its own. */
  void execute(String... statements) {
    try (Connection c = connect(false); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Failed: " + String.join("; ", statements), e);
    }
  }

  /** A single number from {@code sql}. */
  long queryLong(String sql) {
    try (Connection c = connect(false);
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Failed: " + sql, e);
    }
  }

  /**
   * Empties the table, then gives it rows {@code 1..rows} (older values than any benchmark
   * writes), vacuumed and analyzed, so every contender updates the same, settled table.
   */
  void fill(int rows) {
    execute("TRUNCATE " + TABLE,
        "INSERT INTO " + TABLE + " (id, name, hits, seen) SELECT g, 'old-' || g, 1,"
            + " timestamptz '2020-01-01 00:00:00+00' FROM generate_series(1, " + rows + ") g",
        "VACUUM ANALYZE " + TABLE);
  }

  @Override
  public synchronized void close() {
    if (embedded != null) {
      serverCpuAtStop = serverCpuNanos();
      try {
        embedded.close();
        if (dataDirectory != null && Files.exists(dataDirectory)) {
          try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
              Files.delete(path);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
