package org.shimwatch.diagnostics.os2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Os2PathsTests {

  @Test
  void reducesDirectoriesInThePythonTreeToPythonHome() {
    assertThat(Os2Paths.reduce("D:\\HOME\\ALICE\\PY23\\Lib\\lib-dynload", null))
        .isEqualTo("%PYTHONHOME%\\Lib\\lib-dynload");
    assertThat(Os2Paths.reduce("d:/home/alice/py23/lib/exp-dynload/", null))
        .isEqualTo("%PYTHONHOME%\\lib\\exp-dynload");
    assertThat(Os2Paths.reduce("D:\\APPS\\PY\\shim", "D:\\APPS\\PY"))
        .isEqualTo("%PYTHONHOME%\\shim");
    assertThat(Os2Paths.reduce("%pythonhome%\\Lib", null)).isEqualTo("%PYTHONHOME%\\Lib");
    assertThat(Os2Paths.reduce("\"D:\\My Apps\\Py\\Lib\"", null)).isEqualTo("%PYTHONHOME%\\Lib");
  }

  @Test
  void reducesOtherDirectoriesToTheirLastComponent() {
    assertThat(Os2Paths.reduce("D:\\HOME\\ALICE\\exp-dynload", null)).isEqualTo("...\\exp-dynload");
    assertThat(Os2Paths.reduce("C:\\", null)).isEqualTo("\\");
    assertThat(Os2Paths.reduce(".", null)).isEqualTo(".");
    assertThat(Os2Paths.reduce("   ", null)).isNull();
  }

  @Test
  void matchesAReducedDirectoryByItsLastComponent() {
    assertThat(Os2Paths.sameDirectory("...\\exp-dynload", "%PYTHONHOME%\\Lib\\EXP-DYNLOAD"))
        .isTrue();
    assertThat(Os2Paths.sameDirectory("%PYTHONHOME%\\Lib", "%PYTHONHOME%\\lib")).isTrue();
    assertThat(Os2Paths.sameDirectory("%PYTHONHOME%\\Lib\\a", "%PYTHONHOME%\\Lib\\b")).isFalse();
    assertThat(Os2Paths.isLibDynload("%PYTHONHOME%\\Lib\\LIB-DYNLOAD")).isTrue();
    assertThat(Os2Paths.endsWith("c:\\mptn\\dll\\", "MPTN", "DLL")).isTrue();
  }
}
