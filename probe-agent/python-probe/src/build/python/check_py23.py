"""Refuses any construct, builtin or module newer than Python 2.3 in a source file.

The Python probe must run on EMX Python 2.3 on OS/2, which nobody here can run, so the build
reads the file with Python 3's ast and tokenize and lists everything Python 2.3 would not have:
syntax added in 2.4 to 3.x, builtins and exception classes added since, modules added since
(allowed only inside a try whose except catches ImportError, with a fallback), and a few methods
and keyword arguments 2.3 lacks. The rules come from the "What's New in Python" documents of
2.4, 2.5, 2.6 and 2.7 and of Python 3.

Usage: python3 check_py23.py FILE...   (exit status 1 when anything is found)
"""

import ast
import io
import re
import sys
import tokenize

# Builtins that Python 2.3 does not have, and the version that added them.
NEWER_BUILTINS = {
    "set": "2.4", "frozenset": "2.4", "sorted": "2.4", "reversed": "2.4",
    "any": "2.5", "all": "2.5", "BaseException": "2.5", "GeneratorExit": "2.5",
    "next": "2.6", "bytes": "2.6", "bytearray": "2.6", "format": "2.6", "bin": "2.6",
    "print": "2.6 (as a function)", "memoryview": "2.7", "exec": "3 (as a function)",
    "ascii": "3", "nonlocal": "3", "breakpoint": "3.7", "aiter": "3.10", "anext": "3.10",
    "ImportWarning": "2.5", "UnicodeWarning": "2.5", "BytesWarning": "2.6",
    "ResourceWarning": "3.2", "ModuleNotFoundError": "3.6", "RecursionError": "3.5",
    "StopAsyncIteration": "3.5", "FileNotFoundError": "3.3", "FileExistsError": "3.3",
    "PermissionError": "3.3", "TimeoutError": "3.3", "InterruptedError": "3.3",
    "ConnectionError": "3.3", "ConnectionRefusedError": "3.3", "ConnectionResetError": "3.3",
    "ConnectionAbortedError": "3.3", "BrokenPipeError": "3.3", "BlockingIOError": "3.3",
    "ChildProcessError": "3.3", "ProcessLookupError": "3.3", "IsADirectoryError": "3.3",
    "NotADirectoryError": "3.3", "EncodingWarning": "3.10", "ExceptionGroup": "3.11",
    "BaseExceptionGroup": "3.11",
}

# Modules added after Python 2.3 (or renamed by Python 3). Importing one is allowed only inside a
# try that catches ImportError, where the except branch provides the fallback.
NEWER_MODULES = {
    "json": "2.6", "subprocess": "2.4", "uuid": "2.5", "hashlib": "2.5", "functools": "2.5",
    "collections": "2.4", "io": "2.6", "contextlib": "2.5", "ctypes": "2.5", "sqlite3": "2.5",
    "wsgiref": "2.5", "runpy": "2.5", "decimal": "2.4", "cookielib": "2.4", "msilib": "2.5",
    "spwd": "2.5", "argparse": "2.7", "multiprocessing": "2.6", "fractions": "2.6",
    "numbers": "2.6", "abc": "2.6", "ssl": "2.6", "future_builtins": "2.6", "importlib": "2.7",
    "sysconfig": "2.7", "ast": "2.6", "plistlib": "2.6", "json.decoder": "2.6",
    "http": "3", "urllib.request": "3", "urllib.parse": "3", "queue": "3", "configparser": "3",
    "builtins": "3", "_thread": "3", "html": "3", "socketserver": "3", "reprlib": "3",
    "copyreg": "3", "winreg": "3", "xmlrpc": "3", "tkinter": "3", "dbm": "3",
    "pathlib": "3.4", "enum": "3.4", "selectors": "3.4", "asyncio": "3.4", "statistics": "3.4",
    "typing": "3.5", "zipapp": "3.5", "secrets": "3.6", "dataclasses": "3.7",
    "contextvars": "3.7", "graphlib": "3.9", "zoneinfo": "3.9", "tomllib": "3.11",
    "concurrent": "3.2", "lzma": "3.3", "ipaddress": "3.3", "faulthandler": "3.3",
    "venv": "3.3", "tracemalloc": "3.4", "xml.etree": "2.5",
}

# Module attributes added after Python 2.3, refused when used directly (getattr/hasattr with a
# fallback is the way to use them).
NEWER_ATTRIBUTES = {
    ("os", "urandom"): "2.4", ("os", "devnull"): "2.4", ("os", "SEEK_SET"): "2.5",
    ("os", "wait3"): "2.5", ("os.path", "lexists"): "2.4",
    ("os.path", "relpath"): "2.6", ("time", "perf_counter"): "3.3", ("time", "monotonic"): "3.3",
    ("time", "process_time"): "3.3", ("time", "time_ns"): "3.7", ("sys", "maxsize"): "2.6",
    ("sys", "float_info"): "2.6", ("sys", "getsizeof"): "2.6", ("string", "Template"): "2.4",
    ("base64", "urlsafe_b64encode"): "2.4", ("base64", "urlsafe_b64decode"): "2.4",
    ("base64", "b64encode"): "2.4", ("base64", "b64decode"): "2.4", ("random", "SystemRandom"): "2.4",
    ("socket", "create_connection"): "2.6", ("threading", "current_thread"): "2.6",
    ("math", "isnan"): "2.6", ("math", "isinf"): "2.6", ("math", "inf"): "3.5",
    ("math", "log2"): "3.3", ("itertools", "product"): "2.6", ("itertools", "groupby"): "2.4",
    ("itertools", "tee"): "2.4", ("re", "fullmatch"): "3.4",
}

# Methods added after Python 2.3 (checked by name on any object: the probe has no objects with
# methods of these names of its own).
NEWER_METHODS = {
    "format": "2.6", "partition": "2.5", "rpartition": "2.5", "rsplit": "2.4",
    "isdisjoint": "2.6", "bit_length": "2.7", "to_bytes": "3.2", "from_bytes": "3.2",
    "casefold": "3.3", "format_map": "3.2", "removeprefix": "3.9", "removesuffix": "3.9",
    "isascii": "3.7", "iteritems": "py2 only", "itervalues": "py2 only", "iterkeys": "py2 only",
    "has_key": "py2 only",
}
# Keyword arguments 2.3 does not take on these calls.
NEWER_KEYWORDS = {
    "sort": ("key", "reverse"), "min": ("key", "default"), "max": ("key", "default"),
    "open": ("encoding", "errors", "newline", "buffering", "closefd", "opener"),
    "enumerate": ("start",), "print": None,
}


class Finding(object):
    def __init__(self, line, col, what):
        self.line = line
        self.col = col
        self.what = what

    def __repr__(self):
        return "%d:%d: %s" % (self.line, self.col, self.what)


class _Checker(ast.NodeVisitor):
    def __init__(self):
        self.findings = []
        self.import_guards = 0
        self.parents = []

    def add(self, node, what):
        self.findings.append(Finding(getattr(node, "lineno", 0), getattr(node, "col_offset", 0), what))

    def generic_visit(self, node):
        self.parents.append(node)
        try:
            ast.NodeVisitor.generic_visit(self, node)
        finally:
            self.parents.pop()

    # -- statements ---------------------------------------------------------------------------

    def visit_With(self, node):
        self.add(node, "'with' statement (2.5)")
        self.generic_visit(node)

    def visit_AsyncWith(self, node):
        self.add(node, "'async with' (3.5)")
        self.generic_visit(node)

    def visit_AsyncFor(self, node):
        self.add(node, "'async for' (3.5)")
        self.generic_visit(node)

    def visit_Try(self, node):
        if node.handlers and node.finalbody:
            self.add(node, "try with both except and finally (2.5); nest a try/finally instead")
        guards = 0
        for h in node.handlers:
            if h.name is not None:
                self.add(h, "'except ... as %s' (2.6); use sys.exc_info()" % h.name)
            if _catches_import_error(h.type):
                guards = 1
        self.import_guards += guards
        for stmt in node.body:
            self.visit(stmt)
        self.import_guards -= guards
        for h in node.handlers:
            # The fallback branch runs only where the guarded import failed: on a newer Python.
            inner = 1 if _catches_import_error(h.type) else 0
            self.import_guards += inner
            self.visit(h)
            self.import_guards -= inner
        for stmt in node.orelse:
            self.visit(stmt)
        for stmt in node.finalbody:
            self.visit(stmt)
        if node.finalbody:
            self._check_yield_in(node.body)

    def visit_TryStar(self, node):
        self.add(node, "'except*' (3.11)")
        self.generic_visit(node)

    def _check_yield_in(self, body):
        for stmt in body:
            for n in ast.walk(stmt):
                if isinstance(n, (ast.Yield, ast.YieldFrom)):
                    self.add(n, "yield inside try/finally (2.5)")

    def visit_FunctionDef(self, node):
        self._function(node)

    def visit_AsyncFunctionDef(self, node):
        self.add(node, "'async def' (3.5)")
        self._function(node)

    def _function(self, node):
        if node.decorator_list:
            self.add(node, "decorator on %s (2.4)" % node.name)
        args = node.args
        if args.kwonlyargs:
            self.add(node, "keyword-only arguments (3)")
        if getattr(args, "posonlyargs", None):
            self.add(node, "positional-only arguments (3.8)")
        if node.returns is not None:
            self.add(node, "return annotation (3)")
        for a in args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
            if a is not None and a.annotation is not None:
                self.add(a, "argument annotation (3)")
        if getattr(node, "type_params", None):
            self.add(node, "type parameters (3.12)")
        self.generic_visit(node)

    def visit_ClassDef(self, node):
        if node.decorator_list:
            self.add(node, "class decorator (2.6)")
        if node.keywords:
            self.add(node, "class keywords such as metaclass= (3)")
        self.generic_visit(node)

    def visit_Nonlocal(self, node):
        self.add(node, "'nonlocal' (3)")

    def visit_AnnAssign(self, node):
        self.add(node, "annotated assignment (3.6)")
        self.generic_visit(node)

    def visit_Match(self, node):
        self.add(node, "'match' statement (3.10)")
        self.generic_visit(node)

    def visit_Raise(self, node):
        if node.cause is not None:
            self.add(node, "'raise ... from' (3)")
        self.generic_visit(node)

    def visit_Assign(self, node):
        for t in node.targets:
            for n in ast.walk(t):
                if isinstance(n, ast.Starred):
                    self.add(n, "starred assignment (3)")
        self.generic_visit(node)

    def visit_For(self, node):
        for n in ast.walk(node.target):
            if isinstance(n, ast.Starred):
                self.add(n, "starred assignment (3)")
        self.generic_visit(node)

    def visit_Import(self, node):
        for alias in node.names:
            self._module(node, alias.name)
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        if node.level:
            self.add(node, "relative import (2.5)")
        if node.module == "__future__":
            self.add(node, "from __future__ import (features newer than 2.3)")
        elif node.module:
            self._module(node, node.module)
        self.generic_visit(node)

    def _module(self, node, name):
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            prefix = ".".join(parts[:i])
            if prefix in NEWER_MODULES and not self.import_guards:
                self.add(node, "module %s (%s) imported without an ImportError fallback"
                         % (prefix, NEWER_MODULES[prefix]))
                return

    # -- expressions ----------------------------------------------------------------------------

    def visit_IfExp(self, node):
        self.add(node, "conditional expression (2.5)")
        self.generic_visit(node)

    def visit_GeneratorExp(self, node):
        self.add(node, "generator expression (2.4)")
        self.generic_visit(node)

    def visit_SetComp(self, node):
        self.add(node, "set comprehension (2.7)")
        self.generic_visit(node)

    def visit_DictComp(self, node):
        self.add(node, "dict comprehension (2.7)")
        self.generic_visit(node)

    def visit_Set(self, node):
        self.add(node, "set literal (2.7)")
        self.generic_visit(node)

    def visit_JoinedStr(self, node):
        self.add(node, "f-string (3.6)")

    def visit_NamedExpr(self, node):
        self.add(node, "assignment expression ':=' (3.8)")
        self.generic_visit(node)

    def visit_Await(self, node):
        self.add(node, "'await' (3.5)")
        self.generic_visit(node)

    def visit_YieldFrom(self, node):
        self.add(node, "'yield from' (3.3)")
        self.generic_visit(node)

    def visit_Yield(self, node):
        parent = self.parents[-1] if self.parents else None
        if not isinstance(parent, ast.Expr):
            self.add(node, "yield used as an expression (2.5)")
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, bytes):
            self.add(node, "bytes literal (2.6)")
        elif node.value is Ellipsis:
            self.add(node, "'...' outside a subscript (3)")

    def visit_Subscript(self, node):
        # An Ellipsis as a whole subscript (x[...]) is Python 2 too.
        if isinstance(node.slice, ast.Constant) and node.slice.value is Ellipsis:
            self.visit(node.value)
            return
        self.generic_visit(node)

    def visit_Starred(self, node):
        parent = self.parents[-1] if self.parents else None
        if not isinstance(parent, ast.Call):
            self.add(node, "unpacking with '*' in a display (3.5)")
        self.generic_visit(node)

    def visit_Dict(self, node):
        for k in node.keys:
            if k is None:
                self.add(node, "unpacking with '**' in a dict display (3.5)")
        self.generic_visit(node)

    def visit_BinOp(self, node):
        if isinstance(node.op, ast.MatMult):
            self.add(node, "'@' operator (3.5)")
        self.generic_visit(node)

    def visit_Call(self, node):
        starred = [a for a in node.args if isinstance(a, ast.Starred)]
        if len(starred) > 1 or (starred and node.args[-1] is not starred[0]):
            self.add(node, "'*' argument not last, or more than one (3.5)")
        double = [k for k in node.keywords if k.arg is None]
        if len(double) > 1 or (double and node.keywords[-1] is not double[0]):
            self.add(node, "'**' argument not last, or more than one (3.5)")
        if starred:
            for k in node.keywords:
                if k.arg is not None and (k.lineno, k.col_offset) > (starred[0].lineno, starred[0].col_offset):
                    self.add(node, "keyword argument after '*args' (2.6)")
        name = None
        if isinstance(node.func, ast.Name):
            name = node.func.id
            if name == "print":
                if node.keywords or len(node.args) > 1:
                    self.add(node, "print() with several arguments or keywords (2.6 function)")
            elif name == "super" and not node.args:
                self.add(node, "super() without arguments (3)")
            elif name == "enumerate" and len(node.args) > 1:
                self.add(node, "enumerate() with a start (2.6)")
        elif isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in NEWER_METHODS:
                self.add(node, ".%s() (%s)" % (name, NEWER_METHODS[name]))
        if name in NEWER_KEYWORDS and NEWER_KEYWORDS[name] is not None:
            for k in node.keywords:
                if k.arg in NEWER_KEYWORDS[name]:
                    self.add(node, "%s(%s=...) (2.4+)" % (name, k.arg))
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id in NEWER_BUILTINS and isinstance(node.ctx, ast.Load) and not self._bound(node.id):
            if node.id == "print":
                pass  # print(x) with one argument prints x in 2.3 too; visit_Call checks the rest.
            else:
                self.add(node, "%s (%s)" % (node.id, NEWER_BUILTINS[node.id]))

    def visit_Attribute(self, node):
        dotted = _dotted(node.value)
        if dotted is not None and (dotted, node.attr) in NEWER_ATTRIBUTES:
            self.add(node, "%s.%s (%s); use getattr with a fallback"
                     % (dotted, node.attr, NEWER_ATTRIBUTES[(dotted, node.attr)]))
        self.generic_visit(node)

    def _bound(self, name):
        return name in self.defined

    defined = frozenset()


def _dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        if inner is not None:
            return inner + "." + node.attr
    return None


def _catches_import_error(t):
    if t is None:
        return True
    names = []
    if isinstance(t, ast.Tuple):
        names = [e.id for e in t.elts if isinstance(e, ast.Name)]
    elif isinstance(t, ast.Name):
        names = [t.id]
    return "ImportError" in names or "Exception" in names


def _defined_names(tree):
    """Names the file binds itself (functions, classes, assignments): they shadow builtins."""
    names = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            names.add(n.name)
        elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, ast.arg):
            names.add(n.arg)
    return frozenset(names)


_NUMBER_PREFIX = re.compile(r"0[oObB]")


def _token_findings(source):
    """What the ast does not show: number literals (0o, 0b, 1_000) and string prefixes."""
    found = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for tok in tokens:
        line, col = tok.start
        if tok.type == tokenize.NUMBER:
            text = tok.string
            if _NUMBER_PREFIX.match(text):
                found.append(Finding(line, col, "number literal %s (2.6)" % text))
            elif "_" in text:
                found.append(Finding(line, col, "number literal with '_' (3.6)"))
            elif re.match(r"0\d", text):
                found.append(Finding(line, col, "octal literal %s (Python 3 refuses it)" % text))
        elif tok.type == tokenize.STRING:
            prefix = re.match(r"[A-Za-z]*", tok.string).group(0).lower()
            if "b" in prefix:
                found.append(Finding(line, col, "bytes literal (2.6)"))
            if "f" in prefix:
                found.append(Finding(line, col, "f-string (3.6)"))
    for m in re.finditer(r"^\s*class\s+\w+\s*\(\s*\)", source, re.M):
        found.append(Finding(source.count("\n", 0, m.start()) + 1, 0, "class X(): with empty parentheses (2.5)"))
    return found


def check_source(source, filename="<source>"):
    """Everything in the source that Python 2.3 would not have, in line order."""
    tree = ast.parse(source, filename)
    checker = _Checker()
    checker.defined = _defined_names(tree)
    checker.visit(tree)
    found = checker.findings + _token_findings(source)
    unique = {}
    for f in found:
        unique.setdefault((f.line, f.col, f.what), f)
    return sorted(unique.values(), key=lambda f: (f.line, f.col, f.what))


def main(argv):
    if not argv:
        sys.stderr.write("usage: check_py23.py FILE...\n")
        return 2
    total = 0
    for path in argv:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        try:
            findings = check_source(source, path)
        except SyntaxError as e:
            sys.stderr.write("%s:%s: not Python 3 syntax either: %s\n" % (path, e.lineno, e.msg))
            total += 1
            continue
        for f in findings:
            sys.stderr.write("%s:%d:%d: newer than Python 2.3: %s\n" % (path, f.line, f.col, f.what))
        total += len(findings)
        if not findings:
            sys.stdout.write("%s: only Python 2.3 constructs, builtins and modules\n" % path)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
