"""Every rule of check_py23 catches what it names, leaves Python 2.3 code alone, and the probe
passes. Run by the build: python3 -m unittest discover -s src/test/python."""

import os
import sys
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(MODULE, "src", "build", "python"))

import check_py23  # noqa: E402

PROBE = os.path.join(MODULE, "src", "main", "python", "shimwatch_probe.py")

# Each snippet holds one thing Python 2.3 lacks, and a word its finding must contain.
FORBIDDEN = [
    ("with open('f') as f:\n    pass\n", "with"),
    ("try:\n    pass\nexcept ValueError as e:\n    pass\n", "except ... as"),
    ("try:\n    pass\nexcept ValueError:\n    pass\nfinally:\n    pass\n", "both except and finally"),
    ("x = 1 if y else 2\n", "conditional expression"),
    ("@staticmethod\ndef f():\n    pass\n", "decorator"),
    ("@dec\nclass C:\n    pass\n", "class decorator"),
    ("x = sum(i for i in y)\n", "generator expression"),
    ("x = {i for i in y}\n", "set comprehension"),
    ("x = {i: i for i in y}\n", "dict comprehension"),
    ("x = {1, 2}\n", "set literal"),
    ("x = f'{y}'\n", "f-string"),
    ("x = b'abc'\n", "bytes literal"),
    ("def f():\n    nonlocal x\n", "nonlocal"),
    ("def f():\n    yield from g()\n", "yield from"),
    ("def f(a, *, b):\n    pass\n", "keyword-only"),
    ("def f(a, /, b):\n    pass\n", "positional-only"),
    ("def f(a: int):\n    pass\n", "annotation"),
    ("def f() -> int:\n    pass\n", "return annotation"),
    ("x: int = 1\n", "annotated assignment"),
    ("a, *b = c\n", "starred assignment"),
    ("for a, *b in c:\n    pass\n", "starred assignment"),
    ("x = [*a, *b]\n", "unpacking"),
    ("x = {**a}\n", "unpacking"),
    ("f(*a, *b)\n", "'*' argument"),
    ("f(*a, k=1)\n", "keyword argument after"),
    ("print('a', end='')\n", "print()"),
    ("print('a', 'b')\n", "print()"),
    ("import json\n", "json"),
    ("import subprocess\n", "subprocess"),
    ("from collections import deque\n", "collections"),
    ("import http.client\n", "http"),
    ("from . import x\n", "relative import"),
    ("from __future__ import division\n", "__future__"),
    ("x = set()\n", "set (2.4)"),
    ("x = frozenset()\n", "frozenset"),
    ("x = sorted(y)\n", "sorted"),
    ("x = reversed(y)\n", "reversed"),
    ("x = any(y)\n", "any"),
    ("x = all(y)\n", "all"),
    ("x = next(y)\n", "next"),
    ("x = bytes(y)\n", "bytes"),
    ("x = bytearray(y)\n", "bytearray"),
    ("x = format(y)\n", "format"),
    ("x = bin(y)\n", "bin"),
    ("x = memoryview(y)\n", "memoryview"),
    ("exec('x = 1')\n", "exec"),
    ("try:\n    pass\nexcept BaseException:\n    pass\n", "BaseException"),
    ("try:\n    pass\nexcept FileNotFoundError:\n    pass\n", "FileNotFoundError"),
    ("x = '{}'.format(y)\n", ".format()"),
    ("x = y.partition(':')\n", ".partition()"),
    ("x = y.rsplit(':')\n", ".rsplit()"),
    ("y.sort(key=len)\n", "sort(key="),
    ("x = max(y, key=len)\n", "max(key="),
    ("x = open(p, encoding='utf-8')\n", "open(encoding="),
    ("x = enumerate(y, 1)\n", "enumerate() with a start"),
    ("x = os.urandom(8)\n", "os.urandom"),
    ("x = time.perf_counter()\n", "time.perf_counter"),
    ("x = os.path.lexists(p)\n", "os.path.lexists"),
    ("x = 0o644\n", "number literal"),
    ("x = 0b101\n", "number literal"),
    ("x = 1_000\n", "'_'"),
    ("class C():\n    pass\n", "empty parentheses"),
    ("x = (y := 1)\n", "assignment expression"),
    ("async def f():\n    pass\n", "async def"),
    ("async def f():\n    await g()\n", "await"),
    ("def f():\n    x = yield 1\n", "yield used as an expression"),
    ("def f():\n    try:\n        yield 1\n    finally:\n        pass\n", "yield inside try/finally"),
    ("raise E() from e\n", "raise ... from"),
    ("class C(metaclass=M):\n    pass\n", "class keywords"),
    ("x = super().f()\n", "super() without arguments"),
    ("match x:\n    case 1:\n        pass\n", "match"),
    ("x = a @ b\n", "'@' operator"),
    ("x = ...\n", "'...'"),
]

# Python 2.3 code that must pass.
ALLOWED = textwrap.dedent('''
    import sys
    try:
        import json
    except ImportError:
        json = None
    try:
        import thread
    except ImportError:
        import _thread as thread
    try:
        x = unicode
    except NameError:
        x = str
    def f(a, b=1, *args, **kw):
        g(a, *args, **kw)
        print(a)
        return [i for i in args if i]
    class C(object):
        def m(self):
            return super(C, self).m()
        m2 = staticmethod(f)
    try:
        try:
            pass
        except (ValueError, TypeError):
            e = sys.exc_info()[1]
    finally:
        pass
    def gen():
        yield 1
    y = getattr(time, "perf_counter", None)
    d = dict(a=1)
    d.setdefault("b", []).append(2)
    s = "%s and %d" % ("a", 1)
    n = 0x1f
    t = x[...]
    lam = lambda a: a + 1
''')


class CheckPy23Tests(unittest.TestCase):

    def test_each_forbidden_construct_is_found(self):
        for snippet, word in FORBIDDEN:
            findings = check_py23.check_source(snippet)
            self.assertTrue(findings, "not found: %r" % snippet)
            self.assertTrue([f for f in findings if word in f.what],
                            "%r gave %r, which does not mention %r" % (snippet, findings, word))

    def test_python_2_3_code_passes(self):
        self.assertEqual([], check_py23.check_source(ALLOWED))

    def test_a_name_the_file_defines_itself_is_not_the_builtin(self):
        self.assertEqual([], check_py23.check_source("def next(x):\n    return x\ny = next(1)\n"))

    def test_the_probe_passes(self):
        f = open(PROBE, encoding="utf-8")
        try:
            source = f.read()
        finally:
            f.close()
        self.assertEqual([], check_py23.check_source(source, PROBE))

    def test_the_command_fails_on_a_violation(self):
        import subprocess
        import tempfile
        fd, path = tempfile.mkstemp(suffix=".py")
        os.write(fd, b"x = 1 if y else 2\n")
        os.close(fd)
        try:
            script = os.path.join(MODULE, "src", "build", "python", "check_py23.py")
            result = subprocess.run([sys.executable, script, path], capture_output=True, text=True)
            self.assertEqual(1, result.returncode)
            self.assertIn("conditional expression", result.stderr)
        finally:
            os.remove(path)


if __name__ == "__main__":
    unittest.main()
