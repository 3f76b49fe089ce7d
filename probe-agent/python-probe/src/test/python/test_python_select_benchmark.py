"""The benchmark runs and prints its one line (with few calls, so the build stays quick)."""

import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


class PythonSelectBenchmarkTests(unittest.TestCase):

    def test_prints_one_line_with_both_figures_and_the_ratio(self):
        result = subprocess.run([sys.executable, os.path.join(HERE, "python_select_benchmark.py"),
                                 "2000"], capture_output=True, text=True, timeout=120)
        self.assertEqual(0, result.returncode, result.stderr)
        lines = result.stdout.strip().splitlines()
        self.assertEqual(1, len(lines), result.stdout)
        self.assertRegex(lines[0], r"^PythonSelectBenchmark: wrapped select\(\) [0-9.]+ us per call "
                                   r"vs bare select\(\) [0-9.]+ us \(x[0-9.]+, [+-][0-9.]+ us\)")


if __name__ == "__main__":
    unittest.main()
