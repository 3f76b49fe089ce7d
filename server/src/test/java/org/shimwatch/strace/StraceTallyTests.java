package org.shimwatch.strace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shimwatch.strace.StraceTally.Family;

/**
 * The strace lines below were written by strace 6.1 (Debian 12, glibc 2.36, x86-64) with {@link
 * StraceTally#command}'s options on this project's development machine on 2026-12-06, around {@code
 * shimwatch run} and around small python3 programs; long argument lists are shortened with "...",
 * process ids kept.
 */
class StraceTallyTests {

  /** The launcher, the JVM and its threads, then the client the JVM starts, and the JVM again. */
  private static final List<String> AROUND_SHIMWATCH_RUN =
      """
      10204 execve("/work/probe-agent/probe/src/main/sh/shimwatch", ["/work/probe-agent/probe/src/main/sh/shimwatch", "run", "--"...], 0x7ffd1 /* 44 vars */) = 0
      10204 execve("/root/.cargo/bin/java", ["java", "-XX:TieredStopAtLevel=1"...], 0x55a /* 44 vars */) = -1 ENOENT (No such file or directory)
      10204 execve("/usr/bin/java", ["java", "-XX:TieredStopAtLevel=1"...], 0x55a /* 44 vars */) = 0
      10204 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7fd02fb1f990, parent_tid=0x7fd02fb1f990, exit_signal=0, stack=0x7fd02fa20000, stack_size=0xfffc0, tls=0x7fd02fb1f6c0} => {parent_tid=[10205]}, 88) = 10205
      10205 epoll_wait(7, [{events=EPOLLIN, data={u32=9, u64=9}}], 1024, 500) = 1
      10205 clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, stack=0x7fd027eb5000, stack_size=0x9000}, 88) = 10224
      10224 execve("/usr/lib/jvm/java-17-openjdk-amd64/lib/jspawnhelper", ["/usr/lib/jvm/java-17-openjdk-amd64/lib/jspawnhelper", "17.0.15+6-Debian-1deb12u1", "7:9:12"], 0x7ffe66acff90 /* 40 vars */) = 0
      10224 poll([{fd=3, events=POLLIN}], 1, 0)  = 0 (Timeout)
      10224 execve("/root/.cargo/bin/python3", ["python3", "/work/select_fetch.py"...], 0x55be6219fa10 /* 45 vars */) = -1 ENOENT (No such file or directory)
      10224 execve("/usr/bin/python3", ["python3", "/work/select_fetch.py", "18115", "out", "f1.bin", "f2.bin"], 0x55be6219fa10 /* 45 vars */) = 0
      10224 pselect6(5, NULL, [3 4], NULL, {tv_sec=10, tv_nsec=0}, NULL) = 2 (out [3 4], left {tv_sec=9, tv_nsec=999997745})
      10224 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7fe8d3096990, parent_tid=0x7fe8d3096990, exit_signal=0, stack=0x7fe8d2896000, stack_size=0x7ff540, tls=0x7fe8d30966c0} => {parent_tid=[10230]}, 88) = 10230
      10230 epoll_wait(6, [{events=EPOLLIN, data={u32=7, u64=7}}], 64, 1000) = 1
      10230 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7fe8d3096990) = 10231
      10231 execve("/tmp/finish.sh", ["/tmp/finish.sh"], 0x7fe8cc2c6010 /* 44 vars */) = 0
      10231 poll([{fd=0, events=POLLIN}], 1, 10)  = 0 (Timeout)
      10224 pselect6(5, [3 4], NULL, NULL, {tv_sec=10, tv_nsec=0}, NULL) = 1 (in [3], left {tv_sec=9, tv_nsec=998842809})
      10205 epoll_wait(7, [], 1024, 500)         = 0
      10205 clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, stack=0x7fd027eb5000, stack_size=0x9000}, 88) = 10269
      10269 execve("/usr/lib/jvm/java-17-openjdk-amd64/lib/jspawnhelper", ["/usr/lib/jvm/java-17-openjdk-amd64/lib/jspawnhelper", "17.0.15+6-Debian-1deb12u1", "15:16:18"], 0x7ffe66acff90 /* 40 vars */) = 0
      10269 execve("/sbin/ldconfig", ["/sbin/ldconfig", "-p"], 0x7ffc73100c58 /* 40 vars */) = 0
      10269 poll([{fd=3, events=POLLIN}], 1, 0)  = 0 (Timeout)
      """
          .lines()
          .toList();

  /**
   * python3 with a SIGALRM handler (poll returns EINTR and Python retries it), then stopped and
   * continued with SIGSTOP and SIGCONT while in poll and in select (the kernel restarts both).
   */
  private static final List<String> INTERRUPTED =
      """
      3476  execve("/usr/bin/env", ["env", "SHIMWATCH_SPOOL=/tmp/cx/sp3", "LD_PRELOAD=/work/native-shim/target/classes/linux-x86-64/libshimwatch.so", "/usr/bin/python3", "intr.py"], 0x7ffed95d3908 /* 35 vars */) = 0
      3476  execve("/usr/bin/python3", ["/usr/bin/python3", "intr.py"], 0x5625c6437c70 /* 37 vars */) = 0
      3476  poll([], 0, 300)                  = ? ERESTART_RESTARTBLOCK (Interrupted by signal)
      3476  poll([], 0, 200)                  = 0 (Timeout)
      3476  pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=300000000}, NULL) = 0 (Timeout)
      3476  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7fcfddb3a210) = 3499
      3476  poll([], 0, 400)                  = ? ERESTART_RESTARTBLOCK (Interrupted by signal)
      3476  restart_syscall(<... resuming interrupted poll ...>) = 0
      3476  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7fcfddb3a210) = 3500
      3476  pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=400000000}, NULL) = ? ERESTARTNOHAND (To be restarted if no handler)
      3476  pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=299075493}, NULL) = ? ERESTARTNOHAND (To be restarted if no handler)
      3476  pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=299066738}, NULL) = 0 (Timeout)
      """
          .lines()
          .toList();

  @Test
  void countsTheClientsTreeFromItsExecutionOnAndNothingOfTheJvm() {
    StraceTally t = StraceTally.parse(AROUND_SHIMWATCH_RUN, "python3");

    assertThat(t.clientPid()).isEqualTo(10224);
    assertThat(t.tasks()).containsExactlyInAnyOrder(10224L, 10230L, 10231L);
    // jspawnhelper's poll before the execution, the JVM's epoll_wait and ldconfig's poll are not
    // the client's; its thread's epoll_wait and its child's poll are.
    assertThat(t.completed())
        .containsEntry(Family.SELECT, 2L)
        .containsEntry(Family.EPOLL, 1L)
        .containsEntry(Family.POLL, 1L);
    assertThat(t.restartable())
        .containsOnlyKeys(Family.values())
        .allSatisfy((f, n) -> n.equals(0L));
  }

  @Test
  void withoutRestartableCallsTheCountsMustBeEqual() {
    StraceTally t = StraceTally.parse(AROUND_SHIMWATCH_RUN, "python3");

    assertThat(t.disagreement(Family.SELECT, 2, 0)).isNull();
    assertThat(t.disagreement(Family.SELECT, 3, 1)).contains("the shim counted 3, the kernel 2");
    assertThat(t.disagreement(Family.SELECT, 1, 0)).isNotNull();
    assertThat(t.disagreement(Family.EPOLL, 0, 0)).isNotNull();
    assertThat(t.figure(Family.SELECT)).isEqualTo("2");
  }

  @Test
  void interruptedCallsAreCountedOnceWhetherTheKernelRestartedThemOrTheProgramDid() {
    StraceTally t = StraceTally.parse(INTERRUPTED, "python3");

    assertThat(t.clientPid()).isEqualTo(3476);
    assertThat(t.completed()).containsEntry(Family.POLL, 2L).containsEntry(Family.SELECT, 2L);
    assertThat(t.restartable()).containsEntry(Family.POLL, 2L).containsEntry(Family.SELECT, 2L);
    // What the shim recorded in this run: poll 3 calls (one interrupted, then retried by Python),
    // select 2 (both restarted by the kernel, invisible to the program).
    assertThat(t.disagreement(Family.POLL, 3, 1)).isNull();
    assertThat(t.disagreement(Family.SELECT, 2, 0)).isNull();
    // One call above the kernel's needs one interrupted call in the shim's count.
    assertThat(t.disagreement(Family.POLL, 3, 0)).contains("saw only 0 interrupted");
    assertThat(t.disagreement(Family.POLL, 5, 3)).contains("2 restartable");
    assertThat(t.disagreement(Family.SELECT, 1, 0)).contains("2 completed");
    assertThat(t.figure(Family.POLL)).isEqualTo("2+2restartable");
  }

  @Test
  void joinsCallsStraceSplitAcrossThreads() {
    List<String> lines =
        List.of(
            "700 execve(\"/usr/bin/rtorrent\", [\"rtorrent\", \"-n\"], 0x7ffd /* 30 vars */) = 0",
            "700 epoll_wait(4,  <unfinished ...>",
            "701 poll([{fd=9, events=POLLIN}], 1, 100 <unfinished ...>",
            "700 <... epoll_wait resumed>[{events=EPOLLIN, data={u32=9, u64=9}}], 128, 100) = 1",
            "700 clone3({flags=CLONE_VM|CLONE_THREAD}, 88) = 701",
            "701 <... poll resumed>)                 = 1 ([{fd=9, revents=POLLIN}])",
            "701 epoll_wait(4, [], 128, 0)           = 0");

    StraceTally t = StraceTally.parse(lines, "rtorrent");

    assertThat(t.completed()).containsEntry(Family.EPOLL, 2L).containsEntry(Family.POLL, 1L);
  }

  @Test
  void aLogWithoutTheClientsExecutionIsAnError() {
    assertThatThrownBy(() -> StraceTally.parse(AROUND_SHIMWATCH_RUN, "transmission-cli"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no successful execve of transmission-cli");
    // A failed execution is not the client's start.
    assertThatThrownBy(
            () ->
                StraceTally.parse(
                    List.of(
                        "5 execve(\"/usr/bin/aria2c\", [\"aria2c\"], 0x1 /* 1 var */) = -1 EACCES"
                            + " (Permission denied)"),
                    "aria2c"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
