"""The shim's install strategy as the probe works it out on OS/2 from the modules Python loaded
and the copies on its path (the readme's strategies 1 and 2, and a side directory placed after
lib-dynload, where the stock modules load and the shim is inactive)."""

import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "main", "python")))

import shimwatch_probe as probe  # noqa: E402

SHIM = b"MZ LX ... imports TCPIP32 ..."
STOCK = b"MZ LX ... EMX sockets: SO32DLL TCP32DLL ..."


class InstallModeTests(unittest.TestCase):

    def setUp(self):
        self.root = tempfile.mkdtemp()
        self.lib_dynload = self._dir("Lib", "lib-dynload")
        self.exp_dynload = self._dir("Lib", "exp-dynload")

    def tearDown(self):
        shutil.rmtree(self.root)

    def _dir(self, *parts):
        d = os.path.join(self.root, *parts)
        os.makedirs(d)
        return d

    def _put(self, directory, content):
        paths = {}
        for pyd in probe.SHIM_MODULES:
            path = os.path.join(directory, pyd)
            f = open(path, "wb")
            f.write(content)
            f.close()
            paths[pyd] = path
        return paths

    def _layout(self, loaded, path_dirs):
        layout = {"pythonPath": None, "pythonHome": None, "loaded": loaded, "copies": {}}
        for d in path_dirs:
            names = probe._listing(d)
            for pyd in probe.SHIM_MODULES:
                if pyd in names:
                    layout["copies"].setdefault(pyd, []).append(names[pyd])
        return layout

    def test_strategy_1_the_shim_replaced_the_modules_in_lib_dynload(self):
        loaded = self._put(self.lib_dynload, SHIM)
        self.assertEqual("replace-lib-dynload",
                         probe.install_mode(self._layout(loaded, [self.lib_dynload])))

    def test_strategy_2_the_side_directory_comes_first_and_its_modules_load(self):
        self._put(self.lib_dynload, STOCK)
        loaded = self._put(self.exp_dynload, SHIM)
        self.assertEqual("side-dir-before-lib-dynload", probe.install_mode(
            self._layout(loaded, [self.exp_dynload, self.lib_dynload])))

    def test_a_side_directory_after_lib_dynload_leaves_the_shim_inactive(self):
        loaded = self._put(self.lib_dynload, STOCK)
        self._put(self.exp_dynload, SHIM)
        self.assertEqual("side-dir-after-lib-dynload", probe.install_mode(
            self._layout(loaded, [self.lib_dynload, self.exp_dynload])))

    def test_stock_modules_and_no_shim_anywhere_is_none(self):
        loaded = self._put(self.lib_dynload, STOCK)
        self.assertEqual("none", probe.install_mode(self._layout(loaded, [self.lib_dynload])))

    def test_nothing_loaded_is_unknown(self):
        self.assertEqual("unknown", probe.install_mode(self._layout({}, [])))

    def test_the_layout_is_shown_with_directories_reduced(self):
        loaded = self._put(self.exp_dynload, SHIM)
        layout = self._layout(loaded, [self.exp_dynload])
        layout["pythonHome"] = self.root
        layout["pythonPath"] = os.pathsep.join([self.exp_dynload, self.lib_dynload])
        lines = probe.describe_layout(layout)
        self.assertEqual("PYTHONPATH: %PYTHONHOME%\\Lib\\exp-dynload;%PYTHONHOME%\\Lib\\lib-dynload",
                         lines[0])
        self.assertEqual("_SOCKET.PYD loaded from %PYTHONHOME%\\Lib\\exp-dynload", lines[1])


if __name__ == "__main__":
    unittest.main()
