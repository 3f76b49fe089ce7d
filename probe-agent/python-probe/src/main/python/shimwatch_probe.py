#!/usr/bin/env python
# Shimwatch probe for Python clients: one file, no third-party modules.
#
# Runs a client script (BitTorrent's btdownloadheadless.py, say) in this very interpreter with
# select.select and select.poll wrapped, and -- only with the user's consent -- reports how they
# behaved, the environment (on OS/2: TCP/IP level and fixes, TCPIP32.DLL, which _SOCKET.PYD and
# SELECT.PYD were loaded) and any crash to a Shimwatch server, in report contract v1.
#
# Written in the common subset of Python 2.3 and Python 3 so that EMX Python 2.3 on OS/2 runs it:
# no "with", no "except ... as", no conditional expressions, no decorators, no generator
# expressions, no set/sorted/reversed/any/all/next/bytes, no print function, no octal literals.
# The build checks this (src/build/python/check_py23.py).
#
# Usage: python shimwatch_probe.py --help
#
# State is shared with the Java `shimwatch` probe: the same folder ($SHIMWATCH_HOME first), the
# same consent.properties, outbox/, sent/, rejected/, status.properties and dropped.log.

import sys
import os
import re
import time
import math
import random
import errno
import stat
import binascii
import traceback

try:
    import thread as _thread_module
except ImportError:
    import _thread as _thread_module

try:
    import zlib
    import gzip
except ImportError:
    zlib = None
    gzip = None

try:
    from io import BytesIO as _BytesIO
except ImportError:
    try:
        from cStringIO import StringIO as _BytesIO
    except ImportError:
        from StringIO import StringIO as _BytesIO

try:
    import http.client as _httplib
except ImportError:
    import httplib as _httplib

import select as _select_module
import socket

PROBE_NAME = "shimwatch_probe.py"
PROBE_VERSION = "0.1.0"
SCHEMA_VERSION = 1
SOURCE = "python"

PY3 = sys.version_info[0] >= 3

try:
    string_types = (str, unicode)
except NameError:
    string_types = (str,)
try:
    integer_types = (int, long)
except NameError:
    integer_types = (int,)
try:
    _unichr = unichr
except NameError:
    _unichr = chr

# Exit statuses, as the Java CLI uses them.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_CONSENT = 3
EXIT_QUEUED = 4
EXIT_NOT_FOUND = 127

# Permissions of the state folder and its files: owner only (0600 and 0700, written in decimal
# because Python 2.3 and Python 3 share no octal literal).
PRIVATE_FILE_MODE = 384
PRIVATE_DIR_MODE = 448

TEMP_PREFIX = ".tmp-"


# ---------------------------------------------------------------------------------------------
# Text and bytes in both Pythons
# ---------------------------------------------------------------------------------------------

def to_bytes(text):
    """UTF-8 bytes of a text (an ASCII str in Python 2 passes through)."""
    if PY3:
        if isinstance(text, str):
            return text.encode("utf-8")
        return text
    if isinstance(text, unicode):
        return text.encode("utf-8")
    return text


def to_text(data):
    """Text of bytes: UTF-8 when they are UTF-8, else ISO-8859-1 (OS/2 code pages)."""
    if PY3 and isinstance(data, str):
        return data
    if not PY3 and isinstance(data, unicode):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeError:
        return data.decode("latin-1")


def native_str(text):
    """A str for printing: Python 2 gets encoded bytes, Python 3 the text itself."""
    if PY3:
        return text
    if isinstance(text, unicode):
        return text.encode("utf-8")
    return text


def byte_values(data):
    """The bytes of a byte string as a list of ints, in both Pythons."""
    if PY3:
        return list(data)
    return [ord(c) for c in data]


def write_out(stream, text):
    stream.write(native_str(text))


def out(text):
    write_out(sys.stdout, text + "\n")


def err(text):
    write_out(sys.stderr, "shimwatch: " + text + "\n")


def read_file(path):
    f = open(path, "rb")
    try:
        return f.read()
    finally:
        f.close()


def read_text_file(path):
    return to_text(read_file(path))


# ---------------------------------------------------------------------------------------------
# Randomness and ids
# ---------------------------------------------------------------------------------------------

_fallback_random = None


def random_bytes(n):
    """n random bytes as ints: os.urandom (Python 2.4+), /dev/urandom, else the random module."""
    urandom = getattr(os, "urandom", None)
    if urandom is not None:
        try:
            return byte_values(urandom(n))
        except (NotImplementedError, EnvironmentError):
            pass
    if os.path.exists("/dev/urandom"):
        try:
            return byte_values(read_file_part("/dev/urandom", n))
        except (IOError, OSError):
            pass
    # Python 2.3 on OS/2 has neither: a generator seeded from the time, the process and the
    # clock is the best there is; the secret it makes only guards deletion of one's own reports.
    global _fallback_random
    if _fallback_random is None:
        _fallback_random = random.Random()
        _fallback_random.seed(int(time.time() * 1000000) + os.getpid() * 65536 + id(object()))
    values = []
    i = 0
    while i < n:
        values.append(_fallback_random.randrange(256))
        i = i + 1
    return values


def read_file_part(path, n):
    f = open(path, "rb")
    try:
        return f.read(n)
    finally:
        f.close()


def hex_of(values):
    return "".join(["%02x" % v for v in values])


def uuid4():
    b = random_bytes(16)
    b[6] = (b[6] & 15) | 64
    b[8] = (b[8] & 63) | 128
    h = hex_of(b)
    return "%s-%s-%s-%s-%s" % (h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])


def uuid7(now):
    """A time-ordered report id (UUID version 7): milliseconds first, then random bits."""
    ms = int(now * 1000)
    b = random_bytes(10)
    t = "%012x" % ms
    h = hex_of(b)
    variant = "%x" % (8 | (b[2] & 3))
    return "%s-%s-7%s-%s%s-%s" % (t[0:8], t[8:12], h[0:3], variant, h[4:7], h[8:20])


_B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def base64url(values):
    """base64url without padding, as the Java probe writes its installation secret."""
    out_chars = []
    i = 0
    n = len(values)
    while i < n:
        chunk = values[i:i + 3]
        v = 0
        for c in chunk:
            v = (v << 8) | c
        v = v << (8 * (3 - len(chunk)))
        digits = len(chunk) + 1
        j = 0
        while j < digits:
            out_chars.append(_B64URL[(v >> (18 - 6 * j)) & 63])
            j = j + 1
        i = i + 3
    return "".join(out_chars)


# ---------------------------------------------------------------------------------------------
# Time
# ---------------------------------------------------------------------------------------------

_perf = getattr(time, "perf_counter", None)
if _perf is None:
    _perf = time.time


def rfc3339(t):
    """UTC time with milliseconds, as the contract's timestamps."""
    ms = int((t - int(t)) * 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(int(t))) + (".%03dZ" % ms)


def parse_rfc3339(text):
    """Seconds since the epoch of an RFC 3339 UTC or offset time, or None."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z",
                 text or "")
    if m is None:
        return None
    fields = (int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)),
              int(m.group(5)), int(m.group(6)), 0, 0, 0)
    t = float(timegm(fields))
    if m.group(7):
        t = t + float(m.group(7))
    zone = m.group(8)
    if zone != "Z":
        offset = int(zone[1:3]) * 3600 + int(zone[4:6]) * 60
        if zone[0] == "+":
            t = t - offset
        else:
            t = t + offset
    return t


def timegm(fields):
    import calendar
    return calendar.timegm(fields)


def local_iso(t):
    """Local time without a zone, as POPUPLOG.OS2 writes its entries' times."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(int(t)))


# ---------------------------------------------------------------------------------------------
# JSON, written and read by hand (Python 2.3 has no json module)
# ---------------------------------------------------------------------------------------------

KEY_ORDER = [
    "schemaVersion", "reportId", "installationId", "consentLevel", "createdAt", "source",
    "period", "outcome", "comment", "environment", "metrics", "traps", "selfTests",
    "os", "stack", "fixes", "runtime", "client", "shim", "kind", "id",
    "family", "name", "version", "revision", "machine", "level", "components", "present",
    "installMode",
    "durationMs", "processes", "calls", "select", "poll", "count", "results", "errors", "latency",
    "timeoutOvershoot", "anomalies", "buckets", "maxNs", "ready", "timeout", "interrupted", "error",
    "time", "signal", "trapNumber", "exceptionCode", "errorCode", "module", "object", "offset",
    "faultAddress", "process", "frames", "registers", "recentCalls", "location", "symbol",
    "call", "nfds", "timeoutNs", "result", "errno", "latencyNs",
]
_KEY_RANK = {}
_i = 0
for _k in KEY_ORDER:
    _KEY_RANK[_k] = _i
    _i = _i + 1


def _sorted_keys(d):
    decorated = []
    numeric = 1
    for k in d.keys():
        if not (isinstance(k, string_types) and k.isdigit()):
            numeric = 0
    for k in d.keys():
        if numeric:
            decorated.append((int(k), k))
        else:
            decorated.append(((_KEY_RANK.get(k, 100000), k), k))
    decorated.sort()
    return [pair[1] for pair in decorated]


def json_quote(s):
    if not PY3 and not isinstance(s, unicode):
        s = to_text(s)
    parts = ['"']
    for c in s:
        o = ord(c)
        if c == '"':
            parts.append('\\"')
        elif c == "\\":
            parts.append("\\\\")
        elif c == "\n":
            parts.append("\\n")
        elif c == "\r":
            parts.append("\\r")
        elif c == "\t":
            parts.append("\\t")
        elif o < 32 or o >= 127:
            if o > 65535:
                o = o - 65536
                parts.append("\\u%04x\\u%04x" % (55296 + (o >> 10), 56320 + (o & 1023)))
            else:
                parts.append("\\u%04x" % o)
        else:
            parts.append(c)
    parts.append('"')
    return "".join(parts)


def json_dumps(value, indent=None):
    """JSON text of dicts, lists, strings, numbers, booleans and None; ASCII only."""
    parts = []
    _json_write(value, parts, indent, 0)
    return "".join(parts)


def _json_write(v, parts, indent, depth):
    if v is None:
        parts.append("null")
    elif v is True:
        parts.append("true")
    elif v is False:
        parts.append("false")
    elif isinstance(v, integer_types):
        parts.append(str(v))
    elif isinstance(v, float):
        parts.append(repr(v))
    elif isinstance(v, string_types):
        parts.append(json_quote(v))
    elif isinstance(v, dict):
        keys = _sorted_keys(v)
        if not keys:
            parts.append("{}")
            return
        parts.append("{")
        first = 1
        for k in keys:
            if not first:
                parts.append(",")
            first = 0
            if indent is not None:
                parts.append("\n" + " " * (indent * (depth + 1)))
            parts.append(json_quote(k))
            if indent is not None:
                parts.append(": ")
            else:
                parts.append(":")
            _json_write(v[k], parts, indent, depth + 1)
        if indent is not None:
            parts.append("\n" + " " * (indent * depth))
        parts.append("}")
    elif isinstance(v, (list, tuple)):
        if not v:
            parts.append("[]")
            return
        parts.append("[")
        first = 1
        for item in v:
            if not first:
                parts.append(",")
            first = 0
            if indent is not None:
                parts.append("\n" + " " * (indent * (depth + 1)))
            _json_write(item, parts, indent, depth + 1)
        if indent is not None:
            parts.append("\n" + " " * (indent * depth))
        parts.append("]")
    else:
        raise TypeError("cannot write %r as JSON" % (v,))


class JsonError(ValueError):
    pass


_JSON_NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_JSON_WS = " \t\r\n"


def json_loads(text):
    """Reads JSON text (receipts, problem documents, queued reports); JsonError when not JSON."""
    text = to_text(text)
    value, at = _json_value(text, _json_skip(text, 0), 0)
    at = _json_skip(text, at)
    if at != len(text):
        raise JsonError("extra text at %d" % at)
    return value


def _json_skip(s, i):
    n = len(s)
    while i < n and s[i] in _JSON_WS:
        i = i + 1
    return i


def _json_value(s, i, depth):
    if depth > 64:
        raise JsonError("nested too deeply")
    if i >= len(s):
        raise JsonError("unexpected end")
    c = s[i]
    if c == "{":
        d = {}
        i = _json_skip(s, i + 1)
        if i < len(s) and s[i] == "}":
            return d, i + 1
        while 1:
            if i >= len(s) or s[i] != '"':
                raise JsonError("expected a name at %d" % i)
            k, i = _json_string(s, i)
            i = _json_skip(s, i)
            if i >= len(s) or s[i] != ":":
                raise JsonError("expected ':' at %d" % i)
            v, i = _json_value(s, _json_skip(s, i + 1), depth + 1)
            d[k] = v
            i = _json_skip(s, i)
            if i < len(s) and s[i] == ",":
                i = _json_skip(s, i + 1)
                continue
            if i < len(s) and s[i] == "}":
                return d, i + 1
            raise JsonError("expected ',' or '}' at %d" % i)
    if c == "[":
        items = []
        i = _json_skip(s, i + 1)
        if i < len(s) and s[i] == "]":
            return items, i + 1
        while 1:
            v, i = _json_value(s, i, depth + 1)
            items.append(v)
            i = _json_skip(s, i)
            if i < len(s) and s[i] == ",":
                i = _json_skip(s, i + 1)
                continue
            if i < len(s) and s[i] == "]":
                return items, i + 1
            raise JsonError("expected ',' or ']' at %d" % i)
    if c == '"':
        return _json_string(s, i)
    if s.startswith("true", i):
        return True, i + 4
    if s.startswith("false", i):
        return False, i + 5
    if s.startswith("null", i):
        return None, i + 4
    m = _JSON_NUMBER.match(s, i)
    if m is None or m.end() == i:
        raise JsonError("unexpected character at %d" % i)
    if m.group(2) or m.group(3):
        return float(m.group(0)), m.end()
    return int(m.group(0)), m.end()


_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                 "t": "\t"}


def _json_string(s, i):
    parts = []
    i = i + 1
    n = len(s)
    while i < n:
        c = s[i]
        if c == '"':
            return "".join(parts), i + 1
        if c == "\\":
            if i + 1 >= n:
                break
            e = s[i + 1]
            if e == "u":
                code = int(s[i + 2:i + 6], 16)
                i = i + 6
                if 55296 <= code < 56320 and s.startswith("\\u", i):
                    low = int(s[i + 2:i + 6], 16)
                    if 56320 <= low < 57344:
                        i = i + 6
                        if sys.maxunicode > 65535:
                            parts.append(_unichr(65536 + ((code - 55296) << 10) + (low - 56320)))
                        else:
                            parts.append(_unichr(code) + _unichr(low))
                        continue
                parts.append(_unichr(code))
                continue
            if e not in _JSON_ESCAPES:
                raise JsonError("bad escape at %d" % i)
            parts.append(_JSON_ESCAPES[e])
            i = i + 2
            continue
        parts.append(c)
        i = i + 1
    raise JsonError("unterminated string")


# ---------------------------------------------------------------------------------------------
# Java .properties files (consent.properties and status.properties are shared with the Java probe)
# ---------------------------------------------------------------------------------------------

def properties_loads(text):
    text = to_text(text)
    result = {}
    lines = re.split(r"\r\n|\r|\n", text)
    i = 0
    while i < len(lines):
        line = lines[i].lstrip(" \t\f")
        i = i + 1
        if not line or line[0] in "#!":
            continue
        while _ends_with_odd_backslashes(line) and i < len(lines):
            line = line[:-1] + lines[i].lstrip(" \t\f")
            i = i + 1
        key_chars = []
        j = 0
        n = len(line)
        while j < n:
            c = line[j]
            if c == "\\" and j + 1 < n:
                key_chars.append(c + line[j + 1])
                j = j + 2
                continue
            if c in "=: \t\f":
                break
            key_chars.append(c)
            j = j + 1
        while j < n and line[j] in " \t\f":
            j = j + 1
        if j < n and line[j] in "=:":
            j = j + 1
            while j < n and line[j] in " \t\f":
                j = j + 1
        result[_properties_unescape("".join(key_chars))] = _properties_unescape(line[j:])
    return result


def _ends_with_odd_backslashes(line):
    n = 0
    j = len(line) - 1
    while j >= 0 and line[j] == "\\":
        n = n + 1
        j = j - 1
    return n % 2 == 1


def _properties_unescape(s):
    parts = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n:
            e = s[i + 1]
            if e == "u" and i + 6 <= n:
                parts.append(_unichr(int(s[i + 2:i + 6], 16)))
                i = i + 6
                continue
            parts.append({"t": "\t", "n": "\n", "r": "\r", "f": "\f"}.get(e, e))
            i = i + 2
            continue
        parts.append(c)
        i = i + 1
    return "".join(parts)


def _properties_escape(s, is_key):
    parts = []
    i = 0
    for c in s:
        o = ord(c)
        if c == " " and (is_key or i == 0):
            parts.append("\\ ")
        elif c in "\\=:#!":
            parts.append("\\" + c)
        elif c == "\t":
            parts.append("\\t")
        elif c == "\n":
            parts.append("\\n")
        elif c == "\r":
            parts.append("\\r")
        elif c == "\f":
            parts.append("\\f")
        elif o < 32 or o > 126:
            parts.append("\\u%04X" % o)
        else:
            parts.append(c)
        i = i + 1
    return "".join(parts)


def properties_dumps(values, comment):
    lines = ["#" + comment, "#" + time.strftime("%a %b %d %H:%M:%S UTC %Y", time.gmtime())]
    keys = list(values.keys())
    keys.sort()
    for k in keys:
        lines.append(_properties_escape(k, 1) + "=" + _properties_escape(values[k], 0))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Histograms: the contract's log-linear buckets (LogBuckets in the Java contract)
# ---------------------------------------------------------------------------------------------

MAX_BUCKET = 719
_frexp = math.frexp
# Written as a power: Python 2.3 truncates int shifts past 32 bits where 2 ** 48 becomes a long.
MAX_TRACKED_NS = 2 ** 48 - 1


def bucket_index(ns):
    """The contract's bucket of a value in nanoseconds: 16 buckets per power of two."""
    if ns < 16:
        if ns < 0:
            return 0
        return int(ns)
    if ns > MAX_TRACKED_NS:
        return MAX_BUCKET
    e = math.frexp(ns)[1] - 1
    m = (ns >> (e - 4)) & 15
    return int(16 * (e - 3) + m)


class Histogram(object):
    def __init__(self):
        self.counts = {}
        self.max_ns = 0

    def record(self, ns):
        i = bucket_index(ns)
        self.counts[i] = self.counts.get(i, 0) + 1
        if ns > self.max_ns:
            self.max_ns = ns

    def total(self):
        return sum(self.counts.values())

    def to_json(self):
        buckets = {}
        for k in self.counts.keys():
            buckets[str(k)] = self.counts[k]
        return {"buckets": buckets, "maxNs": int(self.max_ns)}


# ---------------------------------------------------------------------------------------------
# The wrapped calls
# ---------------------------------------------------------------------------------------------

# glibc's FD_SETSIZE. Python does not say which limit its select module was built with, so calls
# above it are counted against Linux's, the commonest; on other systems the count is indicative.
FD_SETSIZE = 1024

# The last calls kept for a trap report, as the C shim keeps them.
RECENT_CALLS = 16

# Descriptors are looked at (fstat) on the first calls and then on every 256th: enough to see a
# client that waits on files or pipes, at a cost that vanishes in the average.
SAMPLE_FIRST = 16
SAMPLE_EVERY = 256


class CallStats(object):
    def __init__(self, kind):
        self.kind = kind
        self.count = 0
        self.ready = 0
        self.timeout = 0
        self.interrupted = 0
        self.error = 0
        self.errors = {}
        self.latency = Histogram()
        self.overshoot = Histogram()
        self.fd_above_setsize = 0
        self.non_socket = 0
        self.zero_timeout = 0
        self.max_nfds = 0

    def to_json(self):
        d = {"count": self.count}
        results = {}
        for name, value in (("ready", self.ready), ("timeout", self.timeout),
                            ("interrupted", self.interrupted), ("error", self.error)):
            if value:
                results[name] = value
        if results:
            d["results"] = results
        if self.errors:
            d["errors"] = dict(self.errors)
        if self.latency.counts:
            d["latency"] = self.latency.to_json()
        if self.overshoot.counts:
            d["timeoutOvershoot"] = self.overshoot.to_json()
        d["anomalies"] = {"fdAboveSetsize": self.fd_above_setsize,
                          "nonSocketFds": self.non_socket,
                          "zeroTimeoutCalls": self.zero_timeout,
                          "maxNfds": self.max_nfds}
        return d


class CallRecorder(object):
    """Counts, histograms, anomalies and the last calls, shared by every thread of the client."""

    def __init__(self):
        self.stats = {"select": CallStats("select"), "poll": CallStats("poll")}
        self.recent = []
        self.recent_next = 0
        self.lock = _thread_module.allocate_lock()
        self.started = time.time()

    def record(self, kind, nfds, timeout_ns, result, errno_name, latency_ns, sampled_non_socket):
        # The hot path: one call per wrapped call, so histograms are updated in place here rather
        # than through Histogram.record, and everything is read once into locals.
        s = self.stats[kind]
        if latency_ns < 16:
            index = latency_ns
            if index < 0:
                index = 0
        elif latency_ns > MAX_TRACKED_NS:
            index = MAX_BUCKET
        else:
            e = _frexp(latency_ns)[1] - 1
            index = 16 * (e - 3) + ((latency_ns >> (e - 4)) & 15)
        self.lock.acquire()
        try:
            s.count = s.count + 1
            if errno_name is None:
                if result:
                    s.ready = s.ready + 1
                else:
                    s.timeout = s.timeout + 1
                    if timeout_ns is not None:
                        over = latency_ns - timeout_ns
                        if over < 0:
                            over = 0
                        s.overshoot.record(over)
            elif errno_name == "EINTR":
                s.interrupted = s.interrupted + 1
            else:
                s.error = s.error + 1
                if errno_name:
                    s.errors[errno_name] = s.errors.get(errno_name, 0) + 1
            latency = s.latency
            counts = latency.counts
            counts[index] = counts.get(index, 0) + 1
            if latency_ns > latency.max_ns:
                latency.max_ns = latency_ns
            if timeout_ns == 0:
                s.zero_timeout = s.zero_timeout + 1
            if nfds > s.max_nfds:
                s.max_nfds = nfds
            if nfds > FD_SETSIZE and kind == "select":
                s.fd_above_setsize = s.fd_above_setsize + 1
            if sampled_non_socket:
                s.non_socket = s.non_socket + 1
            recent = self.recent
            entry = (kind, nfds, timeout_ns, result, errno_name, latency_ns)
            if len(recent) < RECENT_CALLS:
                recent.append(entry)
            else:
                recent[self.recent_next] = entry
            self.recent_next = (self.recent_next + 1) % RECENT_CALLS
        finally:
            self.lock.release()

    def recent_calls(self):
        ordered = self.recent[self.recent_next:] + self.recent[:self.recent_next]
        if len(self.recent) < RECENT_CALLS:
            ordered = self.recent[:]
        calls = []
        for kind, nfds, timeout_ns, result, errno_name, latency_ns in ordered:
            c = {"call": kind, "nfds": nfds, "latencyNs": int(latency_ns)}
            if timeout_ns is None:
                c["timeoutNs"] = -1
            else:
                c["timeoutNs"] = int(timeout_ns)
            if errno_name is not None:
                c["result"] = -1
                if errno_name and re.match(r"E[A-Z0-9]{1,15}\Z", errno_name):
                    c["errno"] = errno_name
            elif result is not None:
                c["result"] = result
            calls.append(c)
        return calls

    def calls_json(self):
        calls = {}
        for kind in ("select", "poll"):
            s = self.stats[kind]
            if s.count:
                calls[kind] = s.to_json()
        return calls


_recorder = None
_original_select = None
_original_poll = None


def _fd_of(obj):
    if isinstance(obj, integer_types):
        return obj
    try:
        fd = obj.fileno()
    except Exception:
        return -1
    if isinstance(fd, integer_types):
        return fd
    return -1


def _waits_on_non_socket(fds):
    """Whether any descriptor is a file, a pipe or a terminal (sampled calls only)."""
    for fd in fds:
        if fd < 0:
            continue
        try:
            mode = os.fstat(fd)[stat.ST_MODE]
        except Exception:
            continue
        if stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            return 1
    return 0


def _errno_name(e):
    """The errno name of a failed call, or "" when it failed without one (a ValueError for a
    descriptor above the select() limit, say): counted as an error, under no errno name."""
    code = getattr(e, "errno", None)
    if code is None:
        args = getattr(e, "args", ())
        if args and isinstance(args[0], integer_types):
            code = args[0]
    if code is None:
        return ""
    return errno.errorcode.get(code, "")


def _timeout_ns(timeout, scale):
    """A timeout in nanoseconds, or None for none: None and a negative poll() timeout wait for
    ever; a negative select() timeout or what is not a number is the real call's to refuse."""
    if timeout is None:
        return None
    try:
        ns = int(float(timeout) * scale)
    except (TypeError, ValueError, OverflowError):
        return None
    if ns < 0:
        return None
    return ns


def wrapped_select(rlist, wlist, xlist, timeout=None):
    """select.select, counted and timed."""
    rec = _recorder
    maxfd = -1
    for group in (rlist, wlist, xlist):
        for obj in group:
            if isinstance(obj, integer_types):
                fd = obj
            else:
                fd = _fd_of(obj)
            if fd > maxfd:
                maxfd = fd
    timeout_ns = _timeout_ns(timeout, 1000000000)
    n = rec.stats["select"].count
    sampled = 0
    if n < SAMPLE_FIRST or n % SAMPLE_EVERY == 0:
        fds = []
        for group in (rlist, wlist, xlist):
            for obj in group:
                fds.append(_fd_of(obj))
        sampled = _waits_on_non_socket(fds)
    t0 = _perf()
    try:
        if timeout is None:
            result = _original_select(rlist, wlist, xlist)
        else:
            result = _original_select(rlist, wlist, xlist, timeout)
    except Exception:
        elapsed = int((_perf() - t0) * 1000000000)
        e = sys.exc_info()[1]
        rec.record("select", maxfd + 1, timeout_ns, None, _errno_name(e), elapsed, sampled)
        raise
    elapsed = int((_perf() - t0) * 1000000000)
    rec.record("select", maxfd + 1, timeout_ns,
               len(result[0]) + len(result[1]) + len(result[2]), None, elapsed, sampled)
    return result


class WrappedPoll(object):
    """select.poll(), with poll() counted and timed."""

    def __init__(self, *args):
        self._poll = _original_poll(*args)
        self._fds = {}

    def register(self, fd, *mask):
        result = self._poll.register(fd, *mask)
        self._fds[_fd_of(fd)] = 1
        return result

    def modify(self, fd, *mask):
        return self._poll.modify(fd, *mask)

    def unregister(self, fd):
        result = self._poll.unregister(fd)
        try:
            del self._fds[_fd_of(fd)]
        except KeyError:
            pass
        return result

    def poll(self, *args):
        rec = _recorder
        timeout_ns = None
        if args:
            timeout_ns = _timeout_ns(args[0], 1000000)
        n = rec.stats["poll"].count
        sampled = 0
        if n < SAMPLE_FIRST or n % SAMPLE_EVERY == 0:
            sampled = _waits_on_non_socket(list(self._fds.keys()))
        t0 = _perf()
        try:
            result = self._poll.poll(*args)
        except Exception:
            elapsed = int((_perf() - t0) * 1000000000)
            rec.record("poll", len(self._fds), timeout_ns, None, _errno_name(sys.exc_info()[1]),
                       elapsed, sampled)
            raise
        elapsed = int((_perf() - t0) * 1000000000)
        rec.record("poll", len(self._fds), timeout_ns, len(result), None, elapsed, sampled)
        return result


def install_wrappers():
    """Puts the wrappers in place of select.select and select.poll; returns the recorder."""
    global _recorder, _original_select, _original_poll
    _recorder = CallRecorder()
    _original_select = _select_module.select
    _select_module.select = wrapped_select
    if hasattr(_select_module, "poll"):
        _original_poll = _select_module.poll
        _select_module.poll = WrappedPoll
    return _recorder


def remove_wrappers():
    if _original_select is not None:
        _select_module.select = _original_select
    if _original_poll is not None:
        _select_module.poll = _original_poll


# ---------------------------------------------------------------------------------------------
# Privacy: the Java Scrubber's rules (org.shimwatch.privacy.Scrubber), applied before anything is
# queued. Same patterns, same order, same decisions: a cross-check test runs both over the labelled
# corpus. \w is spelled [A-Za-z0-9_] as in Java (Python 3 would take any Unicode letter).
# ---------------------------------------------------------------------------------------------

_W = "A-Za-z0-9_"
_USER = "<user>"
_HOST = "<host>"
_IP = "<ip>"
_MAC = "<mac>"
_EMAIL_P = "<email>"
_NAME = "<name>"
_CREDENTIALS = "<credentials>"
_HOME = "~"

_IMPERSONAL = {}
for _n in ("root", "admin", "administrator", "user", "guest", "nobody", "default", "public",
           "shared", "home", "localhost", "pi", "ubuntu", "debian", "fedora", "raspberrypi",
           "vagrant", "unknown", "none"):
    _IMPERSONAL[_n] = 1

_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,15}://)[^\s/?#@\[\]<>]+@")
_PROMPT = re.compile(r"(?<![" + _W + r".%+-])[A-Za-z_][" + _W + r".-]*@[A-Za-z0-9][" + _W
                     + r"-]*(?=:[~/])|(?<=\[)[A-Za-z_][" + _W + r".-]*@[A-Za-z0-9][" + _W
                     + r".-]*(?=\s)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(?:'[A-Za-z0-9._%+-]+)*@[A-Za-z0-9-]+"
                    r"(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_NAME_SETTING = re.compile(r"(?i)(?<![" + _W + r"?&./-])(?:(hostname|computername|userdomain)"
                           r"(\s*[=:]\s*)|(user|username|logname)(\s*=\s*))([^\s;,\"'<>]+)")
_MAC_PATTERN = re.compile(r"(?<![" + _W + r":.-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}"
                          r"(?:\1[0-9A-Fa-f]{2}){4}(?![" + _W + r":-])"
                          r"|(?<![" + _W + r".])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}"
                          r"(?![" + _W + r".])")
_BARE_MAC = re.compile(r"(?i)((?:mac|hwaddr|ether|adapter address|physical address"
                       r"|network address|burned-in address|node address)(?: is)?\s{0,3}[:=]?"
                       r"\s{0,3})[0-9a-f]{12}(?![" + _W + r"])")
_IPV6_CANDIDATE = re.compile(r"(?<![" + _W + r".])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}"
                             r"(?:\.\d{1,3}\.\d{1,3}\.\d{1,3})?")
_IPV4 = re.compile(r"(?<![" + _W + r".])((?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}"
                   r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![" + _W + r".]*\d)(?![" + _W + r"])")
_SEGMENT = (r"(?:[^\\/\s\"'<>|:;,*?]+(?: [^\\/\s\"'<>|:;,*?]+)*(?=[\\/])"
            r"|[^\\/\s\"'<>|:;,*?]+)")
_UNIX_HOME = re.compile(r"(?<![" + _W + r".~])/(?:home|Users|usr/home|export/home|var/home)/"
                        r"(?P<name>" + _SEGMENT + r")|(?<![" + _W + r".])/root(?=/|\b)")
_TILDE_USER = re.compile(r"(?<![" + _W + r"~])~[A-Za-z_][" + _W + r".-]*(?=/)")
_DOS_HOME = re.compile(r"(?i)(?:(?<![" + _W + r"])[A-Z]:[\\/]+|(?P<bare>(?<![" + _W
                       + r"\\/.])\\))(?P<dir>users|documents and settings|docume~1|home"
                       r"|winnt[\\/]profiles)[\\/]+(?P<name>" + _SEGMENT + r")")
_SHARED_HOMES = {"public": 1, "default": 1, "all users": 1, "default user": 1, "shared": 1,
                 "guest": 1}
_UNC = re.compile(r"(?<![" + _W + r"\\])\\\\[A-Za-z0-9][" + _W + r"$-]*\\")
_WINDOWS_HOST = re.compile(r"(?<![" + _W + r"-])(?:DESKTOP|LAPTOP)-[A-Z0-9]{7,8}(?![" + _W
                           + r"-])")
_DOMAIN_USER = re.compile(r"(?<=<host>\\)[A-Za-z][" + _W + r".-]*(?![\\" + _W + r"])")
_PRIVATE_HOST = re.compile(r"(?i)(?<![" + _W + r".-])[a-z0-9](?:[a-z0-9-]{0,62})"
                           r"(?:\.[a-z0-9-]{1,63})*\.(?:local|lan|home|internal|localdomain"
                           r"|intranet|corp|home\.arpa|fritz\.box)(?![" + _W + r"-]|\.["
                           + _W + r"])")
_PRIVATE_SUFFIXES = (".local", ".lan", ".home", ".internal", ".localdomain", ".intranet", ".corp",
                     ".fritz.box")
_VERSION_WORDS = {}
for _n in ("v", "ver", "version", "level", "release", "rev", "revision", "build", "fixpak", "fp",
           "csd", "syslevel", "firmware", "bios", "driver", "kernel", "update"):
    _VERSION_WORDS[_n] = 1
_ADDRESS_WORDS = {}
for _n in ("ip", "ipv4", "ip4", "addr", "address", "host", "server", "peer", "client", "from",
           "to", "at", "via", "gateway", "gw", "router", "dns", "nameserver", "proxy", "tracker",
           "seed", "mirror", "bind", "bound", "listen", "listening", "connect", "connected",
           "connecting", "src", "dst", "source", "destination", "remote", "local", "inet",
           "ping", "route", "nas", "box", "pc", "laptop", "machine", "my", "on", "by", "with",
           "behind", "and", "or", "target", "node", "lan", "wan", "public", "private", "static",
           "dhcp", "lease"):
    _ADDRESS_WORDS[_n] = 1
_HEX = "0123456789abcdefABCDEF"
_BEFORE = r"(?<![^\W_])(?<![_<])"
_AFTER = r"(?![^\W_])(?![_>])"


def _replace(s, pattern, rule):
    """Every match of pattern in s replaced by rule(match, s); None keeps the match."""
    out = []
    last = 0
    for m in pattern.finditer(s):
        r = rule(m, s)
        if r is not None:
            out.append(s[last:m.start()])
            out.append(r)
            last = m.end()
    if not out:
        return s
    out.append(s[last:])
    return "".join(out)


def _impersonal(name):
    return name.lower() in _IMPERSONAL


def _prompt(m, s):
    p = m.group(0)
    at = p.index("@")
    user = p[:at]
    host = p[at + 1:]
    if not _impersonal(user):
        user = _USER
    if not _impersonal(host):
        host = _HOST
    return user + "@" + host


def _mac(m, s):
    h = re.sub(r"[^0-9A-Fa-f]", "", m.group(0)).lower()
    if h == "ffffffffffff" or h == "000000000000":
        return None
    return _MAC


def _setting(m, s):
    value = m.group(5)
    if value.startswith("<") or _impersonal(value):
        return None
    if m.group(1) is not None:
        return m.group(1) + m.group(2) + _HOST
    return m.group(3) + m.group(4) + _USER


def _home(m, s):
    name = m.group("name")
    if name is None:
        return _HOME
    if name.startswith("<") or name.lower() in _SHARED_HOMES:
        return None
    return _HOME


def _dos_home(m, s):
    h = _home(m, s)
    if h is None or m.group("bare") is None or not s[:m.start()].endswith(_HOST):
        return h
    return "\\" + m.group("dir") + "\\" + _USER


def _groups(part):
    if not part:
        return 0
    n = 0
    for g in part.split(":"):
        if not g or len(g) > 4:
            return -1
        for c in g:
            if c not in _HEX:
                return -1
        n = n + 1
    return n


def _valid_ipv6(text):
    # No digit at all: a C++ name such as "Face::Add", not an address.
    if not text or text.find(":::") >= 0 or not re.search(r"[0-9]", text):
        return False
    t = text
    extra = 0
    dot = t.find(".")
    if dot >= 0:
        colon = t.rfind(":")
        if colon < 0 or colon > dot or not _IPV4.match(t[colon + 1:]) \
                or _IPV4.match(t[colon + 1:]).end() != len(t) - colon - 1:
            return False
        t = t[:colon + 1] + "0"
        extra = 1
    compressed = t.find("::")
    if compressed >= 0 and t.find("::", compressed + 1) >= 0:
        return False
    if compressed >= 0:
        a = _groups(t[:compressed])
        b = _groups(t[compressed + 2:])
        if a < 0 or b < 0:
            return False
        groups = a + b
        return groups + extra <= 7 and (groups + extra >= 2 or t == "::1" or t == "::")
    return _groups(t) + extra == 8


def _ipv6(m, s):
    c = m.group(0)
    a = c
    if a.endswith(":") and not a.endswith("::"):
        a = a[:-1]
    if not _valid_ipv6(a):
        return None
    lower = a.lower()
    if lower == "::1" or lower == "::" or lower == "0:0:0:0:0:0:0:1":
        return None
    return _IP + c[len(a):]


def _netmask(parts):
    v = 0
    for p in parts:
        v = (v << 8) | int(p)
    if v == 0xFFFFFFFF:
        return True
    inverted = ~v & 0xFFFFFFFF
    return parts[0] == "255" and (inverted & (inverted + 1)) == 0


def _version_context(m, s):
    start = m.start()
    end = m.end()
    if end < len(s):
        nxt = s[end]
        if (nxt == ":" and end + 1 < len(s) and s[end + 1].isdigit()) or nxt == "%" \
                or (nxt == "/" and end + 1 < len(s) and s[end + 1].isdigit()) or nxt == "]":
            return False
    if start > 0:
        before = s[start - 1]
        if before == "v" or before == "V":
            return start < 2 or not s[start - 2].isalnum()
        if before in "@/[":
            return False
    i = start - 1
    while i >= 0 and s[i] in " :=":
        i = i - 1
    word_end = i + 1
    while i >= 0 and not s[i].isspace() and s[i] not in "([{\"'":
        i = i - 1
    word = re.sub(r"[,;.]+$", "", s[i + 1:word_end])
    if not word:
        return False
    lower = word.lower()
    if lower in _VERSION_WORDS:
        return True
    if lower in _ADDRESS_WORDS:
        return False
    letter = False
    mark = False
    for c in word:
        if c.isalpha():
            letter = True
        if c.isupper() or c == "/" or c.isdigit():
            mark = True
    return letter and mark


def _ipv4(m, s):
    ip = m.group(0)
    parts = ip.split(".")
    a = int(parts[0])
    b = int(parts[1])
    if a == 127 or ip == "0.0.0.0" or _netmask(parts):
        return None
    private = a == 10 or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168) \
        or (a == 169 and b == 254) or (a == 100 and 64 <= b <= 127)
    small = a < 100 and b < 100 and int(parts[2]) < 100
    if private or not small or not _version_context(m, s):
        return _IP
    return None


def _has_dotted_digits(s):
    for i in range(1, len(s) - 1):
        if s[i] == "." and s[i - 1].isdigit() and s[i + 1].isdigit():
            return True
    return False


def _has_hex_run(s, length):
    run = 0
    for c in s:
        if c in _HEX:
            run = run + 1
            if run >= length:
                return True
        else:
            run = 0
    return False


class Scrubber(object):
    """Removes what identifies a person or a machine from free text; see the Java Scrubber."""

    def __init__(self, user_names, host_names, real_names=()):
        names = []
        for real in real_names:
            self._add_real(names, real)
        for h in host_names:
            self._add(names, h, _HOST)
            if h and h.find(".") > 0:
                self._add(names, h[:h.index(".")], _HOST)
        for u in user_names:
            self._add(names, u, _USER)
        # The longest first, in a stable order: "alice-laptop" goes before "alice".
        keyed = []
        for i in range(len(names)):
            keyed.append((-len(names[i][0]), i, names[i]))
        keyed.sort()
        self.names = []
        for k in keyed:
            self.names.append(k[2])

    def _add(self, into, name, replacement):
        if not name:
            return
        n = name.strip()
        if len(n) < 2 or _impersonal(n):
            return
        if len(n) < 3:
            regex = _BEFORE + re.escape(n) + _AFTER
            flags = re.U
        else:
            regex = _BEFORE + re.escape(n.lower()) + _AFTER
            flags = re.U | re.I
        self._put(into, n, regex, flags, replacement)

    def _add_real(self, into, real):
        if not real:
            return
        comma = real.find(",")
        if comma >= 0:
            real = real[:comma]
        full = real.strip()
        if not full:
            return
        parts = full.split()
        words = []
        for p in parts:
            w = re.sub(r"^[^\w\s]+|[^\w\s.]+$", "", p)
            if len(w) >= 2 and not w.endswith(".") and not _impersonal(w):
                words.append(w)
        if not words:
            return
        if len(parts) > 1:
            escaped = []
            for p in parts:
                escaped.append(re.escape(p))
            self._put(into, full, _BEFORE + r"\s+".join(escaped) + _AFTER, re.U | re.I, _NAME)
        for w in words:
            regex = _BEFORE + "(?:" + re.escape(w) + "|" + re.escape(w.upper()) + ")" + _AFTER
            self._put(into, w, regex, re.U, _NAME)

    def _put(self, into, text, regex, flags, replacement):
        for existing in into:
            if existing[1].pattern == regex and existing[1].flags == re.compile(regex, flags).flags:
                return
        into.append((text, re.compile(regex, flags), replacement))

    def scrub(self, text):
        if not text:
            return text
        s = text
        if s.find("@") >= 0:
            s = _URL_CREDENTIALS.sub("\\g<1>" + _CREDENTIALS + "@", s)
            s = _replace(s, _PROMPT, _prompt)
            s = _EMAIL.sub(_EMAIL_P, s)
        if s.find("=") >= 0 or s.find(":") >= 0:
            s = _replace(s, _NAME_SETTING, _setting)
        colons = s.count(":")
        if colons >= 2 or s.find("-") >= 0 or s.find(".") >= 0:
            s = _replace(s, _MAC_PATTERN, _mac)
        if _has_hex_run(s, 12):
            s = _BARE_MAC.sub("\\g<1>" + _MAC, s)
        if colons >= 2:
            s = _replace(s, _IPV6_CANDIDATE, _ipv6)
        if _has_dotted_digits(s):
            s = _replace(s, _IPV4, _ipv4)
        if s.find("\\") >= 0 or s.find(":/") >= 0:
            s = _UNC.sub(lambda m: "\\\\" + _HOST + "\\", s)
            s = _replace(s, _DOS_HOME, _dos_home)
        if s.find("/") >= 0:
            s = _replace(s, _UNIX_HOME, _home)
            s = _TILDE_USER.sub(_HOME, s)
        if s.find("DESKTOP-") >= 0 or s.find("LAPTOP-") >= 0:
            s = _WINDOWS_HOST.sub(_HOST, s)
        if s.find(_HOST + "\\") >= 0:
            s = _replace(s, _DOMAIN_USER, lambda m, t: (not _impersonal(m.group(0)) and _USER) or None)
        lower = s.lower()
        for suffix in _PRIVATE_SUFFIXES:
            if lower.find(suffix) >= 0:
                s = _PRIVATE_HOST.sub(_HOST, s)
                break
        for name in self.names:
            s = name[1].sub(name[2], s)
        return s


def _real_names(accounts, passwd="/etc/passwd"):
    """The GECOS real names of these accounts from the local passwd file, if there is one."""
    names = []
    try:
        f = open(passwd)
        try:
            lines = f.read().split("\n")
        finally:
            f.close()
    except Exception:
        return names
    for line in lines:
        fields = line.split(":")
        if len(fields) >= 5 and fields[0] in accounts:
            gecos = fields[4].split(",")[0].strip()
            if gecos and gecos not in accounts and gecos not in names:
                names.append(gecos)
    return names


def local_scrubber():
    users = []
    for var in ("USER", "USERNAME", "LOGNAME"):
        v = os.environ.get(var)
        if v and v not in users:
            users.append(v)
    try:
        import getpass
        u = getpass.getuser()
        if u and u not in users:
            users.append(u)
    except Exception:
        pass
    hosts = []
    try:
        h = socket.gethostname()
        if h:
            hosts.append(h)
    except Exception:
        pass
    for var in ("HOSTNAME", "COMPUTERNAME", "HOST"):
        v = os.environ.get(var)
        if v and v not in hosts:
            hosts.append(v)
    return Scrubber(users, hosts, _real_names(users))


# ---------------------------------------------------------------------------------------------
# Values in the contract's shapes (TrapFields in the Java contract)
# ---------------------------------------------------------------------------------------------

_NAME_EXTRA = " ._+()/:,#'&-"
_VERSION_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+~:-]{0,63}\Z")
_HEX_RE = re.compile(r"(?:0[xX])?0*([0-9a-fA-F]{1,16})\Z")
_REGISTER_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9:_]{0,15}\Z")
_REGISTER_VALUE_RE = re.compile(r"(?:0[xX])?[0-9a-fA-F]{1,16}(?::[0-9a-fA-F]{1,16})?\Z")
_PLACEHOLDER_RE = re.compile(r"(?:[*]+|[Xx]+|[?]+)\Z")


def _is_name_char(c):
    return c.isalnum() or c == "_"


def contract_name(raw):
    """A name the contract accepts, other characters made '_', or None."""
    if raw is None:
        return None
    t = raw.strip()
    out_chars = []
    for c in t:
        if len(out_chars) >= 128:
            break
        ok = _is_name_char(c)
        if not out_chars and not ok:
            if c in _NAME_EXTRA:
                continue
            out_chars.append("_")
            continue
        if ok or c in _NAME_EXTRA:
            out_chars.append(c)
        else:
            out_chars.append("_")
    s = "".join(out_chars).strip()
    if not s:
        return None
    return s


def contract_version(raw):
    if raw is None:
        return None
    v = raw.strip()
    if _VERSION_RE.match(v):
        return v
    return None


def hex_field(raw, width):
    if raw is None or len(raw) > 40:
        return None
    m = _HEX_RE.match(raw.strip())
    if m is None:
        return None
    digits = m.group(1).lower()
    if len(digits) >= width:
        return digits
    return "0" * (width - len(digits)) + digits


def exception_code(raw):
    if raw is None:
        return None
    d = raw.strip()
    if d[:2] in ("0x", "0X"):
        d = d[2:]
    if len(d) == 8:
        return hex_field(d, 8)
    return None


def trap_number(raw):
    h = hex_field(raw, 4)
    if h is not None and len(h) == 4:
        return h
    return None


def file_name(path):
    """The last component of a path: no directory (it may name a user) ever leaves."""
    if path is None:
        return None
    p = path.strip()
    if len(p) >= 2 and p[0] == '"' and p[-1] == '"':
        p = p[1:-1].strip()
    cut = max(p.rfind("\\"), p.rfind("/"), p.rfind(":"))
    name = p[cut + 1:].strip()
    if not name or len(name) > 128:
        return None
    for c in name:
        if ord(c) < 32 or ord(c) == 127:
            return None
    return contract_name(name)


def register_value(raw):
    if raw is None:
        return None
    v = raw.strip()
    if not v or len(v) > 32 or _PLACEHOLDER_RE.match(v):
        return None
    if not _REGISTER_VALUE_RE.match(v):
        return None
    return v.lower()


def is_placeholder(raw):
    return raw is not None and _PLACEHOLDER_RE.match(raw.strip()) is not None


def text_field(raw, limit):
    if raw is None:
        return None
    t = raw.strip()
    chars = []
    for c in t:
        if len(chars) >= limit:
            break
        if ord(c) < 32 or ord(c) == 127:
            chars.append(" ")
        else:
            chars.append(c)
    s = "".join(chars).strip()
    if not s:
        return None
    return s


def hex_count(raw):
    h = hex_field(raw, 1)
    if h is None or len(h) > 13:
        return None
    return int(h, 16)


_DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def real_date_time(year, month, day, hour, minute, second):
    if year < 1 or year > 9999 or month < 1 or month > 12 or day < 1:
        return None
    days = _DAYS_IN_MONTH[month - 1]
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        days = 29
    if day > days or hour > 23 or minute > 59 or second > 59:
        return None
    return "%04d-%02d-%02dT%02d:%02d:%02d" % (year, month, day, hour, minute, second)


# ---------------------------------------------------------------------------------------------
# OS/2 artefact readers: the same answers as the Java readers in org.shimwatch.diagnostics.os2
# ---------------------------------------------------------------------------------------------

MAX_TEXT_BYTES = 1 << 20
MAX_LINE_CHARS = 2048


class ArtefactError(Exception):
    pass


QUOTE_MARKS = ">#;|"
MAX_QUOTE_LEVELS = 8


def _is_blank(line):
    return not line.strip()


def _quote_char(line):
    s = line.lstrip()
    if s:
        return s[0]
    return ""


def _unquote(line):
    if _is_blank(line):
        return line
    s = line.lstrip()[1:]
    if s.startswith(" "):
        s = s[1:]
    return s


def _common_quote_mark(lines):
    mark = ""
    for line in lines:
        if _is_blank(line):
            continue
        c = _quote_char(line)
        if c not in QUOTE_MARKS:
            return ""
        if mark and c != mark:
            return ""
        mark = c
    return mark


def _wrapped_after_quoting(lines, rests):
    """A reply quoted with '>' and wrapped afterwards: the first line carries the mark, and some
    line without it follows a quoted line of the same paragraph (its wrapped rest)."""
    first = 1
    previous = 0
    any_rest = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_blank(line):
            previous = 0
        else:
            quoted = not rests[i] and _quote_char(line) == ">"
            if first and not quoted:
                return 0
            first = 0
            if quoted:
                previous = 1
            elif previous:
                any_rest = 1
        i = i + 1
    return any_rest


def without_quote_prefix(lines):
    """The lines with a mail reply's or a source comment's quoting taken off, as the Java
    TextBlock.withoutQuotePrefix does, and per line whether it is the wrapped rest of the line
    before it (a quoted reply wrapped after quoting)."""
    current = list(lines)
    rests = [0] * len(current)
    level = 0
    while level < MAX_QUOTE_LEVELS:
        mark = _common_quote_mark(current)
        if mark:
            current = [_unquote(line) for line in current]
        elif _wrapped_after_quoting(current, rests):
            previous = 0
            i = 0
            while i < len(current):
                line = current[i]
                if _is_blank(line):
                    previous = 0
                elif not rests[i] and _quote_char(line) == ">":
                    previous = 1
                elif previous:
                    rests[i] = 1
                i = i + 1
            i = 0
            while i < len(current):
                if not rests[i] and _quote_char(current[i]) == ">":
                    current[i] = _unquote(current[i])
                i = i + 1
        else:
            break
        level = level + 1
    return current, rests


def join_rests(lines, rests):
    """Each wrapped rest joined to the line it was cut from, as a person reads them."""
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        while i + 1 < len(lines) and rests[i + 1]:
            i = i + 1
            if len(line) < MAX_LINE_CHARS:
                line = line + " " + lines[i].strip()
        out.append(line)
        i = i + 1
    return out


_NO_BREAK_SPACE = _unichr(160)


def text_lines(text):
    """Lines of text (CRLF, LF or CR), Ctrl-Z dropped, no-break spaces read as blanks, each cut
    to 2048 characters."""
    lines = []
    current = []
    i = 0
    n = len(text)
    if n and text[0] == _unichr(65279):
        i = 1
    while i < n:
        c = text[i]
        if c == "\r" or c == "\n":
            lines.append("".join(current)[:MAX_LINE_CHARS])
            current = []
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i = i + 1
            i = i + 1
            continue
        if c == _NO_BREAK_SPACE:
            # Text copied from a web page has no-break spaces where the artefact has blanks.
            current.append(" ")
        elif c != "\x1a":
            current.append(c)
        i = i + 1
    if current:
        lines.append("".join(current)[:MAX_LINE_CHARS])
    return lines


def looks_binary(data):
    for v in byte_values(data[:4096]):
        if v < 32 and v not in (9, 10, 13, 12, 26, 27):
            return 1
    return 0


def _fullmatch(pattern, line):
    m = pattern.match(line)
    if m is not None and m.end() == len(line):
        return m
    return None


# -- SYSLEVEL (binary and syslevel output) -----------------------------------------------------

_SYSLEVEL_NAME = re.compile(r"SYSLEVEL\.[A-Z0-9_]{1,3}\Z", re.I)
_CSD_RE = re.compile(r"([A-Z]{2})([0-9A-Z_])([0-9A-Z_]{4})\Z")


def csd_product(level):
    if level is None or not _CSD_RE.match(level.upper()):
        return ""
    return level[:2].upper()


def csd_number(level):
    if level is None or not _CSD_RE.match(level.upper()):
        return -1
    digits = level[3:]
    if not digits.isdigit():
        return -1
    return int(digits)


def tcpip_version_of(level):
    if csd_product(level) != "UN":
        return None
    n = csd_number(level)
    if n < 0:
        return None
    if n < 1000:
        return "4.0"
    if n < 2000:
        return "4.1"
    if n < 2200:
        return "4.21"
    return "4.3"


def stack_version(syslevel_version):
    if syslevel_version is None or not re.match(r"[0-9]{1,3}(?:\.[0-9]{1,4}){0,3}\Z",
                                                syslevel_version):
        return None
    v = syslevel_version
    dot = v.find(".")
    if dot > 0 and len(v) - dot - 1 == 2 and v.endswith("0"):
        v = v[:-1]
    return v


def syslevel_product(file_name_, title, type_, current):
    ext = ""
    if file_name_ and "." in file_name_:
        ext = file_name_[file_name_.rfind(".") + 1:].upper()
    if ext == "TCP":
        return "TCPIP"
    if ext == "MPT":
        return "MPTS"
    if ext == "ECS":
        return "ECOMSTATION"
    if ext == "FPK":
        return "OS2_FIXPAK"
    t = (title or "").lower()
    if "arcaos" in t:
        return "ARCAOS"
    if "ecomstation" in t:
        return "ECOMSTATION"
    if "tcp/ip" in t:
        return "TCPIP"
    if "mpts" in t or "lan adapter and protocol support" in t:
        return "MPTS"
    if "service level" in t or (type_ is not None and "fixpak" in type_.lower()):
        return "OS2_FIXPAK"
    if ext == "OS2" or "base operating system" in t:
        return "OS2_BASE"
    p = csd_product(current)
    if p == "UN":
        return "TCPIP"
    if p == "WR":
        return "MPTS"
    if p == "XR":
        return "OS2_BASE"
    return "OTHER"


def syslevel_entry(file_name_, title, version, component, type_, current, prior):
    e = {"product": syslevel_product(file_name_, title, type_, current)}
    for key, value in (("fileName", file_name_), ("title", title), ("version", version),
                       ("componentId", component), ("type", type_), ("currentCsd", current),
                       ("priorCsd", prior)):
        if value is not None:
            e[key] = value
    return e


def _syslevel_ascii(b, at, width):
    chars = []
    i = 0
    while i < width:
        c = b[at + i]
        if c == 0:
            break
        if c < 32 or c > 126:
            raise ArtefactError("the field at offset %d holds byte 0x%02x, which is not text"
                                % (at + i, c))
        chars.append(chr(c))
        i = i + 1
    v = "".join(chars).strip()
    while v.endswith("_"):
        v = v[:-1]
    if not v:
        return None
    return v


def _syslevel_cstring(b, at, limit, may_end_with_file):
    end = at
    while end - at < limit:
        if end >= len(b):
            if may_end_with_file:
                raise ArtefactError("the file ends inside a text field")
            break
        c = b[end]
        if c == 0:
            break
        if c < 32 or c == 127:
            raise ArtefactError("the field at offset %d holds byte 0x%02x, which is not text"
                                % (end, c))
        end = end + 1
    v = "".join([_unichr(c) for c in b[at:end]]).strip()
    if not v:
        return None
    return v


def parse_syslevel_file(data, name_hint):
    """A binary SYSLEVEL file (SYSLEVEL.TCP, .OS2, .MPT ...): the same fields as the Java reader."""
    b = byte_values(data)
    if not b:
        raise ArtefactError("the SYSLEVEL file is empty")
    if len(b) > 65536:
        raise ArtefactError("too large for a SYSLEVEL file")
    magic = [255, 255] + [ord(c) for c in "SYSLEVEL"]
    if b[:len(magic)] != magic:
        raise ArtefactError("not a SYSLEVEL file: it does not start with FF FF \"SYSLEVEL\"")
    if len(b) < 37:
        raise ArtefactError("the file ends inside the 37-byte SYSLEVEL header")
    if (b[15] | (b[16] << 8)) != 1:
        raise ArtefactError("only SYSLEVEL format version 1 is known")
    t = b[33] + b[34] * 256 + b[35] * 65536 + b[36] * 16777216
    if t < 37:
        raise ArtefactError("the table offset points into the header")
    if t + 114 > len(b):
        raise ArtefactError("the file ends before the table does")
    version_byte = b[t + 3]
    modify = b[t + 4]
    refresh = b[t + 112]
    version = "%d.%02d" % (version_byte >> 4, (version_byte & 15) * 10 + modify)
    if refresh:
        version = version + "." + str(refresh)
    current = _syslevel_ascii(b, t + 7, 7)
    prior = _syslevel_ascii(b, t + 15, 7)
    title = _syslevel_cstring(b, t + 23, 80, 0)
    component = _syslevel_ascii(b, t + 103, 9)
    type_at = t + 113
    if b[type_at] == 0:
        type_at = type_at + 1
    type_ = None
    if type_at < len(b):
        type_ = _syslevel_cstring(b, type_at, 8, 1)
    fname = None
    base = file_name(name_hint)
    if base is not None and _SYSLEVEL_NAME.match(base):
        fname = base.upper()
    return syslevel_entry(fname, title, version, component, type_, current, prior)


_SL_VERSION = re.compile(r"\s*Version\s+([0-9][0-9A-Za-z.]{0,15})", re.I)
_SL_COMPONENT = re.compile(r"\bComponent\s+ID\s+([0-9A-Za-z]{1,16})", re.I)
_SL_TYPE_ON_LINE = re.compile(r"\bType\s+(\S{1,32})", re.I)
_SL_TYPE = re.compile(r"\s*Type\s+(\S.{0,60}?)\s*\Z", re.I)
_SL_CURRENT = re.compile(r"\s*Current\s+CSD\s+level\s*:\s*(\S{1,16})\s*\Z", re.I)
_SL_PRIOR = re.compile(r"\s*Prior\s+CSD\s+level\s*:\s*(\S{1,16})\s*\Z", re.I)
_SL_COMMAND = re.compile(r"\s*(?:\[[^\]]{0,260}\]\s*)?syslevel(?:\s.*)?\Z", re.I)


def syslevel_path_name(stripped):
    if len(stripped) > 300:
        return None
    cut = max(stripped.rfind("\\"), stripped.rfind("/"))
    name = stripped[cut + 1:]
    if not _SYSLEVEL_NAME.match(name):
        return None
    directory = stripped[:cut + 1]
    colon = directory.find(":")
    path_like = (" " not in directory and "\t" not in directory
                 and (colon < 0 or (colon == 1 and directory.rfind(":") == 1)))
    if not directory or path_like:
        return name.upper()
    return None


def is_syslevel_entry_line(line):
    if _SL_CURRENT.match(line):
        return 1
    if _SL_VERSION.match(line) and _SL_COMPONENT.search(line):
        return 1
    return syslevel_path_name(line.strip()) is not None


class _SyslevelDraft(object):
    def __init__(self, file_name_):
        self.file_name = file_name_
        self.title = []
        self.fills = []
        self.version = None
        self.component = None
        self.type = None
        self.current = None
        self.prior = None


def _title_goes_on(lines, at, cur):
    if cur is None or cur.version is not None or not cur.title:
        return 0
    if _SL_COMPONENT.search(lines[at]):
        return 0
    j = at + 1
    while j < len(lines):
        nxt = lines[j]
        if nxt.strip():
            return _SL_VERSION.match(nxt) is not None and _SL_COMPONENT.search(nxt) is not None
        j = j + 1
    return 0


def _close_syslevel(cur, entries):
    if cur is None:
        return None
    if cur.version is None and cur.current is None:
        return None
    if len(entries) >= 256:
        return None
    # A title line that filled the screen was cut by the screen, not at a word, and one ending in
    # a hyphen was cut inside a word ("168-" / "bit"): no blank in either case.
    joined = ""
    k = 0
    while k < len(cur.title):
        if k > 0:
            before = cur.title[k - 1]
            hyphen = len(before) > 1 and before.endswith("-") and not before.endswith(" -")
            if not (cur.fills[k - 1] or hyphen):
                joined = joined + " "
        joined = joined + cur.title[k]
        k = k + 1
    entries.append(syslevel_entry(cur.file_name, text_field(joined, 160),
                                  cur.version, cur.component, cur.type, cur.current, cur.prior))
    return None


def parse_syslevel_output(lines):
    entries = []
    cur = None
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        i = i + 1
        if not s:
            if cur is not None and cur.current is not None:
                cur = _close_syslevel(cur, entries)
            continue
        path_name = syslevel_path_name(s)
        if path_name is not None:
            _close_syslevel(cur, entries)
            cur = _SyslevelDraft(path_name)
            continue
        m = _SL_CURRENT.match(line)
        if m:
            if cur is None or cur.current is not None:
                _close_syslevel(cur, entries)
                cur = _SyslevelDraft(None)
            cur.current = m.group(1)
            continue
        m = _SL_PRIOR.match(line)
        if m:
            if cur is None:
                continue
            cur.prior = m.group(1)
            cur = _close_syslevel(cur, entries)
            continue
        m = _SL_VERSION.match(line)
        if m and not _title_goes_on(lines, i - 1, cur):
            if cur is None or cur.version is not None or cur.current is not None:
                _close_syslevel(cur, entries)
                cur = _SyslevelDraft(None)
            cur.version = m.group(1)
            c = _SL_COMPONENT.search(line)
            if c:
                cur.component = c.group(1)
            t = _SL_TYPE_ON_LINE.search(line)
            if t:
                cur.type = t.group(1)
            continue
        if _SL_COMMAND.match(line):
            continue
        if cur is not None and cur.version is not None:
            m = _SL_TYPE.match(line)
            if m:
                cur.type = m.group(1)
                continue
            m = _SL_COMPONENT.search(line)
            if m:
                cur.component = m.group(1)
                continue
        if cur is None or (cur.version is None and cur.current is None):
            if cur is None:
                cur = _SyslevelDraft(None)
            if len(cur.title) < 4:
                cur.title.append(s)
                cur.fills.append(len(line) >= 79)
    _close_syslevel(cur, entries)
    if not entries:
        raise ArtefactError("not syslevel output: no entry with a version or a CSD level")
    return entries


# -- ver, inetver --------------------------------------------------------------------------------

_VER_VERSION = re.compile(r"The\s+Operating\s+System/2\s+Version\s+is\s+(\d{1,2}\.\d{1,3})", re.I)
_VER_REVISION = re.compile(r"\s*(?:Internal\s+)?Revision\s*(?:is\s+|:\s*)?([0-9][0-9A-Za-z._]{0,60})",
                           re.I)
_VER_COMMAND = re.compile(r"\s*(?:\[[^\]]{0,260}\]\s*)?ver(?:\s+/r)?\s*\Z", re.I)


def kernel_revision(raw):
    r = raw
    while r.endswith(".") or r.endswith("_"):
        r = r[:-1]
    return contract_version(r)


def parse_ver(lines):
    version = None
    revision = None
    for line in lines:
        m = _VER_VERSION.search(line)
        if version is None and m:
            version = m.group(1)
            continue
        m = _VER_REVISION.match(line)
        if revision is None and m:
            revision = kernel_revision(m.group(1))
    if version is None:
        raise ArtefactError("not ver output: no line 'The Operating System/2 Version is ...'")
    d = {"version": version}
    if revision is not None:
        d["revision"] = revision
    return d


_INET = re.compile(r"\s*Inet\s*Ver(?:sion)?\s*(?:is\s+|[:=]\s*)?(\d{1,2}(?:\.\d{1,4}){1,2})", re.I)
_INET_COMMAND = re.compile(r"\s*(?:\[[^\]]{0,260}\]\s*)?inetver\s*\Z", re.I)
_STACK_FILE = re.compile(r"(?<![A-Za-z0-9_$#@\\/.-])([A-Za-z0-9_$#@-]{1,64}\.(?:SYS|DLL|EXE|IFS|ADD|OS2))"
                         r"(?![A-Za-z0-9])", re.I)
_FILE_VERSION = re.compile(r"(?<![0-9.])(\d{1,3}(?:\.\d{1,5}){1,3}[a-z]?)(?![0-9])")


def component_on(line):
    f = _STACK_FILE.search(line)
    if f is None:
        return None
    rest = line[f.end():]
    if "\\" in rest or "/" in rest or "=" in rest:
        return None
    v = _FILE_VERSION.search(rest)
    if v is None:
        return None
    return {"name": f.group(1), "version": v.group(1)}


def is_inetver_line(line):
    return (_INET.match(line) is not None or _fullmatch(_INET_COMMAND, line) is not None
            or component_on(line) is not None)


def parse_inetver(lines):
    inet = None
    components = []
    for line in lines:
        m = _INET.match(line)
        if inet is None and m:
            inet = m.group(1)
            continue
        c = component_on(line)
        if c is not None and len(components) < 64:
            components.append(c)
    if inet is None and not components:
        raise ArtefactError("not inetver output: no line names a stack file with a version")
    d = {"components": components}
    if inet is not None:
        d["inetVersion"] = inet
    return d


# -- POPUPLOG.OS2 ------------------------------------------------------------------------------

_PL_HEADER = re.compile(
    r"\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s+"
    r"([A-Za-z]{2,4}\d{3,5})\s+PID\s+([0-9A-Fa-f]{1,8})"
    r"(?:\s+TID(?:\s+([0-9A-Fa-f]{1,8}))?)?"
    r"(?:\s+Slot(?:\s+([0-9A-Fa-f]{1,8}))?)?(?:\s+(\S.{0,1999}?))?\s*\Z", re.I)
_PL_HEADER_TAIL = re.compile(r"\s*TID\s+([0-9A-Fa-f]{1,8})(?:\s+Slot\s+([0-9A-Fa-f]{1,8}))?\s*\Z",
                             re.I)
_PL_HEX8_TOKEN = re.compile(r"[0-9A-Fa-f]{8}\Z")
# The process: a path (blanks allowed) or a file name with its extension.
_PL_PROCESS_PATH = re.compile(r"(?:\S*[\\/]\S*|.*\.[A-Za-z][A-Za-z0-9]{0,3})\Z")
_PL_PAIR_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9:]{0,15}=\S+\Z")
_PL_OBJECT_OFFSET_TOKEN = re.compile(r"[0-9A-Fa-f]{4}:[0-9A-Fa-f]{8}\Z")
_PL_PARAMETER_TOKEN = re.compile(r"P[1-4]=", re.I)


def _unflatten(rest):
    """The lines of an entry printed on one line, told apart by their form (as the Java
    PopupLogParser.unflatten does)."""
    tokens = rest.split()
    out = []
    pairs = []
    parameters = []
    end = len(tokens)
    module_line = None
    if end >= 2 and _PL_OBJECT_OFFSET_TOKEN.match(tokens[end - 1]):
        module_line = tokens[end - 2] + " " + tokens[end - 1]
        end = end - 2
    t = 0
    while t < end:
        token = tokens[t]
        if _PL_PAIR_TOKEN.match(token):
            if _PL_PARAMETER_TOKEN.match(token):
                parameters.append(token)
            else:
                pairs.append(token)
        else:
            out.append(token)
        t = t + 1
    if parameters:
        out.append("  ".join(parameters))
    if pairs:
        out.append("  ".join(pairs))
    if module_line is not None:
        out.append(module_line)
    return out


def _looks_flattened(line):
    for token in line.split():
        if _PL_HEX8_TOKEN.match(token) or _PL_PAIR_TOKEN.match(token):
            return 1
    return 0
_PL_MODULE = re.compile(r"\s*([^\s=:]{1,128})\s+([0-9A-Fa-f]{4}):([0-9A-Fa-f]{8})\s*\Z")
_PL_HEX8 = re.compile(r"\s*([0-9A-Fa-f]{8})\s*\Z")
_PL_PARAMETERS = re.compile(r"\s*P1\s*=", re.I)
_PL_PARAMETER = re.compile(r"\b(P[1-4])\s*=\s*(\S{1,16})", re.I)
_PL_SEPARATOR = re.compile(r"\s*[-=_*]{5,}\s*\Z")
_REG_START = re.compile(r"\s*[A-Za-z][A-Za-z0-9:]{0,15}=\S")
_REG_PAIR = re.compile(r"([A-Za-z][A-Za-z0-9:]{0,15})=(\S{1,40})(?=\s|$)")


def is_popuplog_header(line):
    return _PL_HEADER.match(line) is not None


def _read_registers(line, into):
    for m in _REG_PAIR.finditer(line):
        name = m.group(1).upper()
        raw = m.group(2)
        if is_placeholder(raw):
            continue
        value = register_value(raw)
        if value is None or not _REGISTER_NAME_RE.match(name):
            continue
        # A name seen twice keeps its first value, as the Java RegisterPairs does.
        if len(into) < 64 and name not in into:
            into[name] = value


def _is_filler(line):
    return not line.strip() or _PL_SEPARATOR.match(line) is not None


def parse_popuplog(lines):
    headers = []
    i = 0
    while i < len(lines):
        if _PL_HEADER.match(lines[i]):
            headers.append(i)
        i = i + 1
    if not headers:
        raise ArtefactError("not a POPUPLOG.OS2 entry: no line is an entry header")
    first = max(0, len(headers) - 256)
    entries = []
    k = first
    while k < len(headers):
        start = headers[k]
        if k + 1 < len(headers):
            end = headers[k + 1]
        else:
            end = len(lines)
        entries.append(_popuplog_entry(lines, start, end))
        k = k + 1
    return entries


def _popuplog_entry(lines, start, end):
    h = _PL_HEADER.match(lines[start])
    logged_at = real_date_time(int(h.group(3)), int(h.group(1)), int(h.group(2)),
                               int(h.group(4)), int(h.group(5)), int(h.group(6)))
    message_id = h.group(7).upper()
    pid = hex_count(h.group(8))
    tid = None
    if h.group(9) is not None:
        tid = hex_count(h.group(9))
    slot = None
    if h.group(10) is not None:
        slot = hex_count(h.group(10))
    body = []
    if h.group(11) is not None:
        body.extend(_unflatten(h.group(11)))
    body.extend(lines[start + 1:end])
    body_started = 0
    process_name = None
    process_seen = 0
    codes = []
    parameters = {}
    registers = {}
    module = None
    obj = None
    offset = None
    i = 0
    while i < len(body):
        line = body[i]
        i = i + 1
        if _is_filler(line):
            continue
        first_body_line = not body_started
        body_started = 1
        m = _PL_MODULE.match(line)
        if m:
            if module is not None:
                continue
            module = file_name(m.group(1))
            obj = hex_field(m.group(2), 4)
            offset = hex_field(m.group(3), 8)
            continue
        if _PL_PARAMETERS.match(line):
            for p in _PL_PARAMETER.finditer(line):
                v = p.group(2)
                if not is_placeholder(v) and hex_field(v, 8) is not None:
                    parameters[p.group(1).upper()] = hex_field(v, 8)
            continue
        if _REG_START.match(line):
            _read_registers(line, registers)
            continue
        m = _PL_HEX8.match(line)
        if m:
            codes.append(m.group(1))
            continue
        if first_body_line and tid is None:
            m = _PL_HEADER_TAIL.match(line)
            if m:
                tid = hex_count(m.group(1))
                if m.group(2) is not None:
                    slot = hex_count(m.group(2))
                continue
        if line.strip().find(" ") > 0 and _looks_flattened(line):
            # Parts of the entry run together on one line (a wrapped or flattened copy).
            body[i:i] = _unflatten(line)
            continue
        if not process_seen and not codes and _PL_PROCESS_PATH.match(line.strip()):
            # A lone number here is the rest of a wrapped header, not a process.
            process_seen = 1
            process_name = file_name(line)
    trap = {"source": "os2-popuplog", "errorCode": message_id}
    if logged_at is not None and logged_at[:4] >= "1970":
        trap["time"] = logged_at + "Z"
    if codes:
        code = exception_code(codes[0])
        if code is not None:
            trap["exceptionCode"] = code
    if len(codes) > 1:
        fault = hex_field(codes[1], 8)
        if fault is not None:
            trap["faultAddress"] = fault
    if module is not None:
        trap["module"] = module
        trap["frames"] = [_frame(module, obj, offset)]
    if obj is not None:
        trap["object"] = obj
    if offset is not None:
        trap["offset"] = offset
    if process_name is not None or pid is not None or tid is not None:
        process = {}
        if process_name is not None:
            process["name"] = process_name
        if pid is not None:
            process["pid"] = pid
        if tid is not None:
            process["tid"] = tid
        trap["process"] = process
    if registers:
        trap["registers"] = registers
    entry = {"messageId": message_id, "hasModuleLine": module is not None, "trap": trap}
    if logged_at is not None:
        entry["loggedAt"] = logged_at
    if slot is not None:
        entry["slot"] = slot
    if parameters:
        entry["parameters"] = parameters
    return entry


def _frame(module, obj, offset):
    f = {"module": module}
    if obj is not None:
        f["object"] = obj
    if offset is not None:
        f["offset"] = offset
    return f


# -- kernel trap screens -------------------------------------------------------------------------

_TS_EXCEPTION_IN = re.compile(r"\s*Exc?eption\s+in\s+(module|device\s+driver)\s*:\s*(\S{1,128})\s*\Z",
                              re.I)
_TS_TRAP = re.compile(r"\s*TRAP\s*[:=]?\s*([0-9A-Fa-f]{4})(?=\s|$)(.*)\Z", re.I)
_TS_LOCATION = re.compile(r"(?:#{1,2}|\blocation)\s*([0-9A-Fa-f]{4}):\s?([0-9A-Fa-f]{4,8})"
                          r"(?![0-9A-Fa-f])(?:\s*-\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{1,8}))?\.?"
                          r"(?:\s+([0-9A-Fa-f]{8}))?", re.I)
_TS_BARE_LOCATION = re.compile(r"\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4,8})"
                               r"(?:\s*-\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{1,8}))?\.?"
                               r"(?:\s+([0-9A-Fa-f]{8}))?\s*\Z")
_TS_LOCATION_TAIL = re.compile(r"\s*-\s*([0-9A-Fa-f]{4}):([0-9A-Fa-f]{1,8})\.?\s*\Z")
_TS_ENDS_WITH_LOCATION = re.compile(r".*\blocation\s*#{0,2}\s*\Z", re.I)
_TS_PROCESSING_ERROR = re.compile(r"internal\s+processing\s+error", re.I)
_TS_PROSE = re.compile(r"system\s+detected|processing\s+error|internal\s+processing|is\s+stopped"
                       r"|system\s+stopped|service\s+representative|above\s+information"
                       r"|location\s+number|contact\s+your|record\s+all|record\s+the"
                       r"|^\s*(?:at\s+)?location\s*#{0,2}\s*$", re.I)
_TS_REVISION = re.compile(r"\s*Internal\s+revision\s+([0-9][0-9A-Za-z._]{0,60})"
                          r"(?:\s*,\s*([0-9]{2}/[0-9]{2}/[0-9]{2}))?", re.I)
_TS_DECIMAL_CODES = re.compile(r"\s*(\d{1,10}\s*,\s*\d{1,10})\s*\Z")
_TS_HEX_CODE = re.compile(r"\s*([0-9A-Fa-f]{8})\s*\Z")
_TS_SELECTOR_OFFSET = re.compile(r"[0-9A-Fa-f]{4}:[0-9A-Fa-f]{1,8}\Z")
# A driver's or the kernel's own message: three words at least, not a cut-off piece.
_TS_MESSAGE = re.compile(r"\s*\S+(?:\s+\S+){2,}\s*\Z")
# Text a person typed in place of what they did not copy, e.g. "<register contents>".
_TS_PLACEHOLDER_LINE = re.compile(r"\s*<[^>]{1,60}>\s*\Z")
# Most free-text lines kept from one screen; a screen has one or two.
TS_MAX_MESSAGES = 8
# A line is joined with its wrapped rests, or a message with its next line, while shorter than this.
TS_JOIN_LIMIT = 400


def is_processing_error_line(line):
    return len(line) < 400 and _TS_PROCESSING_ERROR.search(line) is not None


def is_trap_screen_start(line):
    return (_TS_EXCEPTION_IN.match(line) is not None or _TS_TRAP.match(line) is not None
            or is_processing_error_line(line))


def _ts_location(m, codes):
    if m.group(5) is not None:
        codes.append(m.group(5).lower())
    at = m.group(1).lower() + ":" + m.group(2).lower()
    obj = None
    if m.group(3) is not None:
        obj = m.group(3).lower() + ":" + m.group(4).lower()
    return at, obj


class _TrapDraft(object):
    """What one trap screen has shown so far."""

    def __init__(self):
        self.module = None
        self.device_driver = 0
        self.number = None
        self.detected_at = None
        self.detected_object = None
        self.revision = None
        self.revision_date = None
        self.location_next = 0
        self.codes = []
        self.registers = {}
        self.messages = []
        self.last_message_line = -2


def _ts_fixed_layout(d, line, expect_location):
    """Reads a line of the screen's fixed layout into d; false when the line is not one."""
    m = _TS_EXCEPTION_IN.match(line)
    if m:
        # A second "Exception in" line is skipped.
        if d.module is None:
            d.module = file_name(m.group(2))
            d.device_driver = m.group(1).lower().startswith("device")
        return 1
    m = _TS_TRAP.match(line)
    if m:
        # So is a second TRAP line.
        if d.number is None:
            d.number = trap_number(m.group(1))
            _read_registers(m.group(2), d.registers)
        return 1
    m = _TS_REVISION.match(line)
    if m:
        d.revision = kernel_revision(m.group(1))
        d.revision_date = m.group(2)
        return 1
    if d.detected_at is None:
        m = _TS_LOCATION.search(line)
        if m is None and expect_location:
            m = _TS_BARE_LOCATION.match(line)
        if m:
            d.detected_at, d.detected_object = _ts_location(m, d.codes)
            return 1
    elif d.detected_object is None:
        m = _TS_LOCATION_TAIL.match(line)
        if m:
            d.detected_object = m.group(1).lower() + ":" + m.group(2).lower()
            return 1
    if _REG_START.match(line):
        _read_registers(line, d.registers)
        return 1
    if d.detected_at is not None:
        m = _TS_DECIMAL_CODES.match(line)
        if m:
            d.codes.append(re.sub(r"\s*,\s*", ", ", m.group(1)))
            return 1
        m = _TS_HEX_CODE.match(line)
        if m:
            d.codes.append(m.group(1).lower())
            return 1
    return 0


def _ts_message(d, line, at, is_rest):
    """A line of free text: the next line of the message just read (the screen or a mail client
    wrapped it), or a message of its own once the screen's TRAP line or location was seen."""
    if d.messages and d.last_message_line == at - 1 and (is_rest or _TS_MESSAGE.match(line)):
        text = text_field(line, 200)
        if text is not None and len(d.messages[-1]) < TS_JOIN_LIMIT:
            d.messages[-1] = d.messages[-1] + " " + text
        d.last_message_line = at
    elif ((d.detected_at is not None or d.number is not None) and _TS_MESSAGE.match(line)
          and len(d.messages) < TS_MAX_MESSAGES):
        text = text_field(line, 200)
        if text is not None:
            d.messages.append(text)
            d.last_message_line = at


def parse_trap_screen(lines, rests=None):
    """A kernel trap screen, as the Java TrapScreenParser reads it. rests marks the lines that
    are the wrapped rest of the line before them (a quoted reply a mail client wrapped)."""
    if rests is None:
        rests = [0] * len(lines)
    d = _TrapDraft()
    n = len(lines)
    i = -1
    while i + 1 < n:
        i = i + 1
        line = lines[i]
        if not line.strip():
            continue
        # A person reads a wrapped line's rests as part of it.
        while i + 1 < n and rests[i + 1] and len(line) < TS_JOIN_LIMIT:
            i = i + 1
            line = line.rstrip() + " " + lines[i].strip()
        expect_location = d.location_next
        d.location_next = 0
        if _ts_fixed_layout(d, line, expect_location):
            continue
        if _TS_PLACEHOLDER_LINE.match(line):
            continue
        if is_processing_error_line(line) or _TS_PROSE.search(line):
            # The kernel's own sentences; the location may follow on the next line.
            d.location_next = _TS_ENDS_WITH_LOCATION.match(line) is not None
            continue
        _ts_message(d, line, i, rests[i])
    if d.number is None and d.module is None and d.detected_at is None:
        raise ArtefactError("not a kernel trap screen: no TRAP line, no 'Exception in module' "
                            "line and no ## location")
    return _trap_screen_part(d)


def _trap_screen_part(d):
    registers = d.registers
    trap = {"source": "os2-trap-screen"}
    if d.number is not None:
        trap["trapNumber"] = d.number
    if d.module is not None:
        trap["module"] = d.module
    fault = None
    code_address = None
    cs_eip = registers.get("CS:EIP")
    if cs_eip is not None and cs_eip.find(":") > 0:
        cut = cs_eip.find(":")
        selector = hex_field(cs_eip[:cut], 4)
        fault = hex_field(cs_eip[cut + 1:], 8)
        if selector is not None and fault is not None:
            code_address = selector + ":" + cs_eip[cut + 1:]
    elif registers.get("CS") is not None and registers.get("IP") is not None:
        # OS/2 1.x screens print the 16-bit registers one by one.
        selector = hex_field(registers.get("CS"), 4)
        ip = hex_field(registers.get("IP"), 4)
        if selector is not None and ip is not None:
            code_address = selector + ":" + ip
            fault = hex_field(ip, 8)
    if fault is not None:
        trap["faultAddress"] = fault
    if d.revision is not None:
        trap["revision"] = d.revision
    if registers:
        trap["registers"] = registers
    # Where a person reading the screen places the fault: CS:EIP, else the ## location.
    if cs_eip is not None and _TS_SELECTOR_OFFSET.match(cs_eip):
        trap["location"] = cs_eip.lower()
    elif d.detected_at is not None and _TS_SELECTOR_OFFSET.match(d.detected_at):
        trap["location"] = d.detected_at
    part = {"trap": trap, "deviceDriver": bool(d.device_driver), "internalCodes": d.codes,
            "messages": d.messages}
    if d.detected_at is not None:
        part["detectedAt"] = d.detected_at
    if d.detected_object is not None:
        part["detectedAtObjectOffset"] = d.detected_object
    if registers.get("ERRCD") is not None:
        part["errorCode"] = registers["ERRCD"]
    if code_address is not None:
        part["codeAddress"] = code_address
    if d.revision_date is not None:
        part["revisionDate"] = d.revision_date
    return part


# -- CONFIG.SYS and the batch file that starts the client --------------------------------------

_CONFIG_KEYWORDS = {}
for _k in ("DEVICE BASEDEV LIBPATH SUPPRESSPOPUPS IFS RUN CALL PROTSHELL PROTECTONLY MEMMAN "
           "BUFFERS DISKCACHE THREADS PRIORITY PRIORITY_DISK_IO SWAPPATH PAUSEONERROR CODEPAGE "
           "DEVINFO COUNTRY FCBS RMSIZE IOPL MAXWAIT TIMESLICE PRINTMONBUFSIZE LASTDRIVE AUTOFAIL "
           "REIPL DUMPPROCESS TRAPDUMP VIRTUALADDRESSLIMIT EARLYMEMINIT DEVICEHIGH BREAK SHELL "
           "CLOCKSCALE NDWTIMER RESERVEDRIVELETTER").split():
    _CONFIG_KEYWORDS[_k] = 1
_CFG_SET = re.compile(r"\s*SET\s+([A-Za-z_][A-Za-z0-9_]{0,63})\s*=(.*)\Z", re.I)
_CFG_STATEMENT = re.compile(r"\s*([A-Za-z][A-Za-z_]{1,24})\s*=(.*)\Z")
_CFG_COMMENT = re.compile(r"\s*(?:REM(?:\s.*)?|::.*|:[A-Za-z].*|@?ECHO\b.*)\Z", re.I)
_CFG_COMMAND = re.compile(r"\s*(?:\[[^\]]{0,260}\]\s*)?type\s+\S{0,250}config\.sys\s*\Z", re.I)
_PYTHONPATH_VAR = re.compile(r"%PYTHONPATH%", re.I)
PYTHONHOME_MARK = "%PYTHONHOME%"
ELIDED = "...\\"


def is_config_line(line):
    if _CFG_SET.match(line):
        return 1
    m = _CFG_STATEMENT.match(line)
    return m is not None and m.group(1).upper() in _CONFIG_KEYWORDS


def _normalize_dir(path):
    if path is None:
        return None
    p = path.strip()
    if len(p) >= 2 and p[0] == '"' and p[-1] == '"':
        p = p[1:-1].strip()
    if not p:
        return None
    chars = []
    for c in p:
        if c == "/":
            c = "\\"
        if c == "\\" and chars and chars[-1] == "\\":
            continue
        chars.append(c)
    while len(chars) > 1 and chars[-1] == "\\":
        chars.pop()
    return "".join(chars)


def _dir_components(p):
    parts = []
    if p is None:
        return parts
    rest = p
    if len(rest) >= 2 and rest[1] == ":":
        rest = rest[2:]
    for part in rest.split("\\"):
        if part and part != ".":
            parts.append(part)
    return parts


def reduce_dir(path, python_home):
    """A directory as the Java Os2Paths.reduce writes it: inside Python's tree relative to
    %PYTHONHOME%, elsewhere only its last component."""
    p = _normalize_dir(path)
    if p is None:
        return None
    if p in (".", ".."):
        return p
    upper = p.upper()
    if upper.startswith(PYTHONHOME_MARK):
        return PYTHONHOME_MARK + p[len(PYTHONHOME_MARK):]
    home = _normalize_dir(python_home)
    if home:
        if p.lower() == home.lower():
            return PYTHONHOME_MARK
        if upper.startswith(home.upper() + "\\"):
            return PYTHONHOME_MARK + p[len(home):]
    parts = _dir_components(p)
    if not parts:
        return "\\"
    i = len(parts) - 1
    while i >= 0:
        if parts[i].lower() == "lib":
            return PYTHONHOME_MARK + "\\" + "\\".join(parts[i:])
        i = i - 1
    return ELIDED + parts[-1]


def elide_dir(path):
    p = _normalize_dir(path)
    if p is None:
        return None
    if p in (".", ".."):
        return p
    parts = _dir_components(p)
    if not parts:
        return "\\"
    return ELIDED + parts[-1]


def last_dir_component(path):
    p = _normalize_dir(path)
    if p is None:
        return ""
    return p[p.rfind("\\") + 1:]


def parse_config_sys(lines):
    """CONFIG.SYS (or a start batch file): drivers, SOCKETS.SYS options, SUPPRESSPOPUPS, LIBPATH,
    PYTHONPATH and PYTHONHOME. Raw directories are kept under private keys for the probe's own
    use on the machine; the reduced ones are what leaves it."""
    drivers = []
    sockets_options = None
    suppress = None
    libpath = None
    libpath_raw = None
    mptn_dll = None
    python_path = None
    python_home = None
    statements = 0
    file_systems = []
    protshell = None
    set_variables = []
    for line in lines:
        if not line.strip() or _CFG_COMMENT.match(line) or _CFG_COMMAND.match(line):
            continue
        m = _CFG_SET.match(line)
        if m:
            statements = statements + 1
            name = m.group(1).upper()
            value = m.group(2).strip()
            if len(set_variables) < 200 and name not in set_variables:
                set_variables.append(name)
            if name == "PYTHONPATH":
                if _PYTHONPATH_VAR.search(value):
                    value = _PYTHONPATH_VAR.sub((python_path or "").replace("\\", "\\\\"), value)
                if len(value) > 4096:
                    value = value[:4096]
                python_path = value
            elif name == "PYTHONHOME":
                if value:
                    python_home = value
                else:
                    python_home = None
            continue
        m = _CFG_STATEMENT.match(line)
        keyword = None
        if m:
            keyword = m.group(1).upper()
        if keyword is None or keyword not in _CONFIG_KEYWORDS:
            continue
        statements = statements + 1
        value = m.group(2).strip()
        if keyword in ("DEVICE", "BASEDEV", "DEVICEHIGH"):
            tokens = value.split()
            driver = None
            if tokens:
                driver = file_name(tokens[0])
            if driver is None:
                continue
            if len(drivers) < 200:
                drivers.append(driver)
            if driver.upper() == "SOCKETS.SYS":
                sockets_options = []
                for token in tokens[1:]:
                    if len(sockets_options) >= 16:
                        break
                    option = text_field(token, 32)
                    if option is not None:
                        sockets_options.append(option)
        elif keyword == "IFS":
            tokens = value.split()
            if tokens:
                ifs = file_name(tokens[0])
                if ifs is not None and len(file_systems) < 200:
                    file_systems.append(ifs)
        elif keyword == "PROTSHELL":
            tokens = value.split()
            protshell = None
            if tokens:
                protshell = file_name(tokens[0])
        elif keyword == "LIBPATH":
            libpath = []
            libpath_raw = []
            mptn_dll = False
            for entry in value.split(";"):
                if not entry.strip():
                    continue
                parts = _dir_components(_normalize_dir(entry))
                if len(parts) >= 2 and parts[-2].upper() == "MPTN" and parts[-1].upper() == "DLL":
                    mptn_dll = True
                reduced = elide_dir(entry)
                if reduced is not None:
                    libpath.append(reduced)
                    libpath_raw.append(entry.strip())
        elif keyword == "SUPPRESSPOPUPS":
            if value and value[0].isalpha() and (len(value) == 1 or value[1] == ":"
                                                 or value[1].isspace()):
                suppress = value[0].upper()
    if statements == 0:
        raise ArtefactError("not CONFIG.SYS: no line is a CONFIG.SYS statement")
    reduced_path = None
    raw_path = None
    if python_path is not None:
        reduced_path = []
        raw_path = []
        for entry in python_path.split(";"):
            reduced = reduce_dir(entry, python_home)
            if reduced is not None and len(reduced_path) < 64:
                reduced_path.append(reduced)
                raw_path.append(entry.strip())
    d = {"drivers": drivers, "pythonHomeSet": python_home is not None,
         "fileSystems": file_systems, "setVariables": set_variables}
    if protshell is not None:
        d["protshell"] = protshell
    if sockets_options is not None:
        d["socketsSysOptions"] = sockets_options
    if suppress is not None:
        d["suppressPopups"] = suppress
    if libpath is not None:
        d["libpath"] = libpath
        d["mptnDllOnLibpath"] = mptn_dll
        d["_libpathRaw"] = libpath_raw
    if reduced_path is not None:
        d["pythonPath"] = reduced_path
        d["_pythonPathRaw"] = raw_path
    if python_home is not None:
        d["_pythonHomeRaw"] = python_home
    return d


# -- BLDLEVEL output ----------------------------------------------------------------------------

_BLD_COMMAND = re.compile(r"\s*(?:\[[^\]]{0,260}\]\s*)?bldlevel\s+(\S{1,260})\s*\Z", re.I)
_BLD_BANNER = re.compile(r"\s*Build\s+Level\s+Display\s+Facility.*\Z", re.I)
_BLD_SIGNATURE = re.compile(r"\s*Signature\s*:\s*(.*)\Z", re.I)
_BLD_SIGNATURE_VENDOR = re.compile(r"@#([^:#]{0,64}):([^#]{0,64})#@")
_BLD_SIGNATURE_DESCRIPTION = re.compile(r"@@(.{1,200})")
_BLD_FIELD = re.compile(r"\s*(Vendor|Revision|File\s+Version|Description|Date/Time|Build\s+Machine"
                        r"|ASD\s+Feature\s+ID|Language\s+Code|Country\s+Code|FixPak\s+Version)"
                        r"\s*:\s*(.*)\Z", re.I)
# The extended signature after "#@": "##1##", the build date and time in a fixed-width field, then
# machine:ASD feature:language:country:build:(unused):FixPak before "@@".
_BLD_EXTENDED = re.compile(r"#@##1##\s*((?:[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}"
                           r"|[0-9]{1,2}\s+[A-Za-z]{3}\s+[0-9]{4})"
                           r"(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?)?"
                           r"\s*([^:@#\s]{0,32}):([^:@#]{0,32}):([^:@#]{0,8}):([^:@#]{0,8})"
                           r":([^:@#]{0,16}):([^:@#]{0,16}):([^:@#]{0,32})@@")
# Lines BLDLEVEL writes without a label, and what a label looks like.
_BLD_BARE_LINE = re.compile(r"\s*(?:\(C\)\s*Copyright.*|Uniprocessor\s+only|Multiprocessor.*)\Z",
                            re.I)
_BLD_LABEL = re.compile(r"\s*[A-Za-z][A-Za-z /]{0,30}:(?:\s.*)?\Z")
# Width of the screen BLDLEVEL writes to; a longer signature goes on on the next line.
BLD_SCREEN_WIDTH = 80
BLD_MAX_MODULES = 64
BLD_JOIN_LIMIT = 400
# Where each labelled line goes, and whether a value read before it (from the signature) wins.
_BLD_FIELDS = {
    "vendor": ("vendor", 200, 1),
    "revision": ("revision", 64, 0),
    "file version": ("fileVersion", 64, 0),
    "date/time": ("date", 40, 0),
    "build machine": ("buildMachine", 200, 1),
    "asd feature id": ("asdFeatureId", 200, 1),
    "language code": ("languageCode", 200, 1),
    "country code": ("countryCode", 200, 1),
    "fixpak version": ("fixpakVersion", 200, 1),
}
_BLD_ORDER = ["fileName", "vendor", "version", "description", "date", "fileVersion",
              "buildMachine", "asdFeatureId", "languageCode", "countryCode", "fixpakVersion"]


def is_bldlevel_line(line):
    """The command, its banner, or a signature line with a BLDLEVEL signature in it."""
    return (_BLD_COMMAND.match(line) is not None or _BLD_BANNER.match(line) is not None
            or (_BLD_SIGNATURE.match(line) is not None and "@#" in line))


def _bld_is_rest(lines, rests, i):
    """Whether line i is the wrapped rest of the labelled line before it: every line BLDLEVEL
    writes has a label or is one of its few bare lines."""
    line = lines[i]
    if not line.strip():
        return 0
    if rests[i]:
        return 1
    return (_BLD_LABEL.match(line) is None and _BLD_BARE_LINE.match(line) is None
            and _BLD_BANNER.match(line) is None and _BLD_COMMAND.match(line) is None)


def _bld_first(module, key, value):
    if module.get(key) is None:
        module[key] = text_field(value, 200)


def _bld_signature(module, sig):
    v = _BLD_SIGNATURE_VENDOR.search(sig)
    if v:
        _bld_first(module, "vendor", v.group(1))
        module["_signatureVersion"] = text_field(v.group(2), 64)
    x = _BLD_EXTENDED.search(sig)
    if x:
        module["_signatureDate"] = text_field(x.group(1), 40)
        _bld_first(module, "buildMachine", x.group(2))
        _bld_first(module, "asdFeatureId", x.group(3))
        _bld_first(module, "languageCode", x.group(4))
        _bld_first(module, "countryCode", x.group(5))
        _bld_first(module, "fixpakVersion", x.group(8))
    d = _BLD_SIGNATURE_DESCRIPTION.search(sig)
    if d:
        _bld_first(module, "description", d.group(1))
    elif v is None and sig.strip() and "@#" not in sig:
        # A module without a BLDLEVEL signature shows its plain description string here, e.g.
        # "Python standard module _socket" for the stock EMX Python modules.
        _bld_first(module, "description", sig.strip())


def _bld_field(module, label, value):
    key = re.sub(r"\s+", " ", label.lower())
    if key == "description":
        # The Description line gives the whole text; the signature's may be cut or wrapped.
        described = text_field(value, 200)
        if described is not None:
            module["description"] = described
        return
    name, limit, first = _BLD_FIELDS[key]
    if first:
        _bld_first(module, name, value)
    else:
        module[name] = text_field(value, limit)


def _bld_module(module):
    """The module as the Java BuildLevel carries it, or None when it shows nothing to read."""
    version = module.get("revision")
    if version is None:
        version = module.get("_signatureVersion")
    if version is None:
        version = module.get("fileVersion")
    if module.get("vendor") is None and version is None and module.get("description") is None:
        return None
    values = {"version": version}
    for k in _BLD_ORDER:
        if k != "version":
            values[k] = module.get(k)
    if values["date"] is None:
        values["date"] = module.get("_signatureDate")
    out_module = {}
    for k in _BLD_ORDER:
        if values[k] is not None:
            out_module[k] = values[k]
    return out_module


def parse_bldlevel_output(lines, rests=None):
    """BLDLEVEL output (one run or several), as the Java BldlevelOutputParser reads it: the echoed
    command names the file, the signature (@#VENDOR:VERSION#@, the ##1## extended part, @@ and
    the description) and the labelled lines give the rest. rests marks the lines that are the
    wrapped rest of the line before them (a quoted reply a mail client wrapped)."""
    if rests is None:
        rests = [0] * len(lines)
    modules = []
    cur = None
    n = len(lines)
    i = -1
    while i + 1 < n:
        i = i + 1
        line = lines[i]
        m = _BLD_COMMAND.match(line)
        if m:
            cur = {"fileName": file_name(m.group(1))}
            modules.append(cur)
            continue
        m = _BLD_SIGNATURE.match(line)
        if m:
            if cur is None or cur.get("_signatureSeen"):
                cur = {}
                modules.append(cur)
            cur["_signatureSeen"] = 1
            sig = m.group(1)
            if (len(line) >= BLD_SCREEN_WIDTH - 1 and i + 1 < n and lines[i + 1].strip()
                    and lines[i + 1][:1].isspace() and _BLD_FIELD.match(lines[i + 1]) is None):
                # BLDLEVEL wraps a long signature at the screen's edge: " doscall1.dll" goes on
                # "@@SMP". Blanks a paste added after the edge are not part of it.
                i = i + 1
                sig = sig.rstrip() + lines[i]
            # A signature a mail client wrapped before its "#@": the rest is on the next lines.
            while ("@#" in sig and "#@" not in sig and i + 1 < n
                   and _bld_is_rest(lines, rests, i + 1) and len(sig) < BLD_JOIN_LIMIT):
                i = i + 1
                sig = sig.rstrip() + " " + lines[i].strip()
            _bld_signature(cur, sig)
            continue
        m = _BLD_FIELD.match(line)
        if m:
            if cur is None:
                cur = {}
                modules.append(cur)
            value = m.group(2)
            # A line without a label right after a field is the rest of its value, cut off by a
            # mail client's wrapping.
            while i + 1 < n and _bld_is_rest(lines, rests, i + 1) and len(value) < BLD_JOIN_LIMIT:
                i = i + 1
                value = value.rstrip() + " " + lines[i].strip()
            _bld_field(cur, m.group(1), value)
    out_modules = []
    for module in modules:
        read = _bld_module(module)
        if read is not None and len(out_modules) < BLD_MAX_MODULES:
            out_modules.append(read)
    if not out_modules:
        raise ArtefactError("not BLDLEVEL output: no signature, vendor, revision or description")
    return {"modules": out_modules}


# -- telling artefacts apart in one text (ArtefactSplitter in the Java contract) ----------------

KIND_SYSLEVEL_FILE = "syslevel-file"
KIND_SYSLEVEL_OUTPUT = "syslevel-output"
KIND_POPUPLOG = "popuplog"
KIND_TRAP_SCREEN = "trap-screen"
KIND_VER = "ver-output"
KIND_INETVER = "inetver-output"
KIND_CONFIG = "config-sys"
KIND_BLDLEVEL = "bldlevel-output"
# Kinds this probe recognizes only to leave alone: their parts are not read here.
KIND_EXCEPTQ = "exceptq-report"
KIND_HS_ERR = "hs-err-log"
KIND_LISTING = "file-listing"
KIND_PYTHON_BANNER = "python-banner"
KIND_UNKNOWN = "unknown"

_EXQ_START = re.compile(r"\s*Exception\s+Report\s*-\s*created\b.*\Z", re.I)
_EXQ_RULE = re.compile(r"\s*_{20,}\s*\Z")
_HS_START = re.compile(r"\s*#\s*A fatal error has been detected by the Java Runtime Environment.*\Z",
                       re.I)
_HS_OOM = re.compile(r"\s*#\s*There is insufficient memory for the Java Runtime Environment.*\Z",
                     re.I)
# The first line of Python's interactive banner: "Python 2.2 (#0, Dec 24 2001, 18:42:48) [EMX ...".
_PYTHON_BANNER = re.compile(r"\s*Python\s+([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,2})?"
                            r"(?:[abc][0-9]{1,2}|\+)?)\s+\(([^)]{0,120})\)(.*)\Z")
_LIST_DIRECTORY_OF = re.compile(r"\s*Directory\s+of\s+(\S.{0,300}?)\s*\Z", re.I)
_LIST_FULL_PATH = re.compile(r"\s*((?:[A-Za-z]:)?[\\/](?:[^\\/:*?\"<>|]{1,255}[\\/]){0,32}"
                             r"[^\\/:*?\"<>|\s][^\\/:*?\"<>|]{0,254}\.(?:PYD|DLL|SYS))\s*\Z", re.I)
_HASH_LINE = re.compile(r"\s*#.*\Z")


def _marker(line):
    if not line.strip():
        return None
    if _PL_HEADER.match(line):
        return (KIND_POPUPLOG, 1)
    if _EXQ_START.match(line):
        return (KIND_EXCEPTQ, 1)
    if _HS_START.match(line) or _HS_OOM.match(line):
        return (KIND_HS_ERR, 1)
    if is_trap_screen_start(line):
        return (KIND_TRAP_SCREEN, 1)
    if is_syslevel_entry_line(line) or _SL_COMMAND.match(line):
        return (KIND_SYSLEVEL_OUTPUT, 1)
    if _VER_VERSION.search(line) or _VER_COMMAND.match(line):
        return (KIND_VER, 1)
    if is_bldlevel_line(line):
        return (KIND_BLDLEVEL, 1)
    if _PYTHON_BANNER.match(line):
        return (KIND_PYTHON_BANNER, 1)
    if _CFG_COMMAND.match(line):
        return (KIND_CONFIG, 1)
    if _fullmatch(_INET_COMMAND, line):
        return (KIND_INETVER, 1)
    if is_config_line(line):
        return (KIND_CONFIG, 0)
    if _LIST_DIRECTORY_OF.match(line) or _LIST_FULL_PATH.match(line):
        return (KIND_LISTING, 0)
    if is_inetver_line(line):
        return (KIND_INETVER, 0)
    return None


class _SplitState(object):
    def __init__(self):
        self.trap_line = 0
        self.exception_line = 0
        self.processing_error = 0
        self.version = 0
        self.ended = 0

    def see(self, kind, line):
        if kind == KIND_TRAP_SCREEN:
            if _TS_EXCEPTION_IN.match(line):
                self.exception_line = 1
            elif is_processing_error_line(line):
                self.processing_error = 1
            else:
                self.trap_line = 1
        elif kind == KIND_VER:
            if _VER_VERSION.search(line):
                self.version = 1


def _starts_another(kind, line, state):
    if kind == KIND_EXCEPTQ:
        return _EXQ_START.match(line) is not None
    if kind == KIND_HS_ERR:
        return 1
    if kind == KIND_TRAP_SCREEN:
        # 32-bit screens open with "Exception in module:", OS/2 1.x ones print it after the
        # registers, screens without registers open with the "internal processing error" line; a
        # screen ends once its processing-error line has been seen.
        if _TS_EXCEPTION_IN.match(line):
            return state.exception_line or state.processing_error
        if is_processing_error_line(line):
            return state.processing_error
        return state.trap_line or state.processing_error
    if kind == KIND_VER:
        return state.version and _VER_VERSION.search(line) is not None
    return 0


def _sticky(kind, state):
    return kind == KIND_HS_ERR or (kind == KIND_EXCEPTQ and not state.ended)


def _pull_back(lines, open_start, at, kind, open_kind):
    if open_kind is None:
        return open_start
    floor = open_start + 1
    start = at
    if kind == KIND_EXCEPTQ:
        while (start - 1 >= floor and at - start < 3
               and (not lines[start - 1].strip() or _EXQ_RULE.match(lines[start - 1]))):
            start = start - 1
        return start
    if kind == KIND_HS_ERR:
        while start - 1 >= floor and at - start < 4 and _HASH_LINE.match(lines[start - 1]):
            start = start - 1
        return start
    if kind == KIND_SYSLEVEL_OUTPUT:
        if syslevel_path_name(lines[at].strip()) is not None:
            return at
        while (start - 1 >= floor and at - start < 4 and lines[start - 1].strip()
               and _marker(lines[start - 1]) is None):
            start = start - 1
        if start > floor and not lines[start - 1].strip():
            return start
        return at
    return at


def split_artefacts(lines):
    segments = []
    kind = None
    start = 0
    state = _SplitState()
    i = 0
    while i < len(lines):
        line = lines[i]
        marker = _marker(line)
        if marker is None:
            if kind == KIND_EXCEPTQ and line.strip().lower().startswith("end of exception report"):
                state.ended = 1
            i = i + 1
            continue
        if marker[0] == kind:
            if not _starts_another(kind, line, state):
                state.see(kind, line)
                i = i + 1
                continue
        elif not marker[1] and _sticky(kind, state):
            i = i + 1
            continue
        begin = _pull_back(lines, start, i, marker[0], kind)
        _add_segment(segments, lines, kind, start, begin)
        kind = marker[0]
        start = begin
        state = _SplitState()
        state.see(kind, line)
        i = i + 1
    _add_segment(segments, lines, kind, start, len(lines))
    return segments


def _add_segment(segments, lines, kind, start, end):
    if end <= start:
        return
    blank = 1
    for line in lines[start:end]:
        if line.strip():
            blank = 0
            break
    if blank:
        return
    if kind is None:
        kind = KIND_UNKNOWN
    segments.append((kind, start, end))


_READERS = {
    KIND_SYSLEVEL_OUTPUT: parse_syslevel_output,
    KIND_POPUPLOG: parse_popuplog,
    KIND_TRAP_SCREEN: parse_trap_screen,
    KIND_VER: parse_ver,
    KIND_INETVER: parse_inetver,
    KIND_CONFIG: parse_config_sys,
    KIND_BLDLEVEL: parse_bldlevel_output,
}
# Readers that also take, per line, whether it is the wrapped rest of the line before it.
_READS_RESTS = {KIND_TRAP_SCREEN: 1, KIND_BLDLEVEL: 1}


def _kind_from_name(name):
    if name is None:
        return None
    n = name.upper()
    if _SYSLEVEL_NAME.match(n):
        return KIND_SYSLEVEL_FILE
    if n == "CONFIG.SYS" or n.endswith(".CMD") or n.endswith(".BAT"):
        return KIND_CONFIG
    if n == "POPUPLOG.OS2":
        return KIND_POPUPLOG
    if n.endswith(".TRP"):
        return KIND_EXCEPTQ
    if n.startswith("HS_ERR") and n.endswith(".LOG"):
        return KIND_HS_ERR
    return None


def _part(kind, reader_result):
    d = {"kind": kind}
    if kind in (KIND_SYSLEVEL_OUTPUT, KIND_POPUPLOG):
        d["entries"] = reader_result
    elif reader_result is not None:
        for k in reader_result.keys():
            d[k] = reader_result[k]
    return d


def _public(part):
    """The part without the raw values kept for the probe's own use on this machine."""
    d = {}
    for k in part.keys():
        if not k.startswith("_"):
            d[k] = part[k]
    return d


def inspect_bytes(name, data):
    """The parts of one input, as {"kind": ..., fields...}; kinds read elsewhere are named only."""
    base = file_name(name)
    hinted = _kind_from_name(base)
    magic = [255, 255] + [ord(c) for c in "SYSLEVEL"]
    if byte_values(data[:10]) == magic or (hinted == KIND_SYSLEVEL_FILE and looks_binary(data)):
        try:
            return [{"kind": KIND_SYSLEVEL_FILE, "entry": parse_syslevel_file(data, name)}]
        except ArtefactError:
            return [{"kind": KIND_SYSLEVEL_FILE, "problem": str(sys.exc_info()[1])}]
    if not data or len(data) > MAX_TEXT_BYTES or looks_binary(data):
        return [{"kind": KIND_UNKNOWN, "problem": "not a text artefact"}]
    text = to_text(data)
    lines, rests = without_quote_prefix(text_lines(text))
    if not [line for line in lines if line.strip()]:
        return [{"kind": KIND_UNKNOWN, "problem": "the input holds nothing but white space"}]
    if hinted == KIND_CONFIG:
        try:
            return [_part(KIND_CONFIG, parse_config_sys(join_rests(lines, rests)))]
        except ArtefactError:
            pass
    if hinted == KIND_HS_ERR:
        return [{"kind": KIND_HS_ERR}]
    segments = split_artefacts(lines)
    parts = []
    for kind, start, end in segments[:64]:
        if (kind == KIND_UNKNOWN and len(segments) == 1 and hinted is not None
                and hinted in _READERS):
            kind = hinted
        reader = _READERS.get(kind)
        if reader is None:
            parts.append({"kind": kind})
            continue
        part_lines = lines[start:end]
        if kind == KIND_CONFIG:
            part_lines = join_rests(part_lines, rests[start:end])
        try:
            if kind in _READS_RESTS:
                parts.append(_part(kind, reader(part_lines, rests[start:end])))
            else:
                parts.append(_part(kind, reader(part_lines)))
        except ArtefactError:
            parts.append({"kind": kind, "problem": str(sys.exc_info()[1])})
    return parts


# ---------------------------------------------------------------------------------------------
# The environment
# ---------------------------------------------------------------------------------------------

STACK_FILES = ["TCPIP32.DLL", "SOCKETS.SYS", "AFOS2.SYS", "AFINET.SYS", "SO32DLL.DLL",
               "TCP32DLL.DLL", "INET.SYS", "IFNDIS.SYS"]
SHIM_MODULES = ["_SOCKET.PYD", "SELECT.PYD"]


def runtime_info():
    """The interpreter: EMX Python on OS/2, Jython, PyPy or CPython, and its version."""
    v = sys.version_info
    version = "%d.%d.%d" % (v[0], v[1], v[2])
    if sys.platform.startswith("os2"):
        name = "EMX Python"
    elif sys.platform.startswith("java"):
        name = "Jython"
    elif hasattr(sys, "pypy_version_info"):
        name = "PyPy"
    else:
        name = "CPython"
    return {"name": name, "version": version}


def _popen_text(command):
    try:
        p = os.popen(command)
        try:
            return to_text(p.read())
        finally:
            p.close()
    except Exception:
        return None


def _java_property(name):
    try:
        from java.lang import System
        value = System.getProperty(name)
        if value is None:
            return None
        return str(value)
    except Exception:
        return None


def _uname():
    u = getattr(os, "uname", None)
    if u is None:
        return None
    try:
        return u()
    except Exception:
        return None


def _os_release():
    for path in ("/etc/os-release", "/usr/lib/os-release"):
        try:
            text = read_text_file(path)
        except (IOError, OSError):
            continue
        values = {}
        for line in text_lines(text):
            m = re.match(r"([A-Z_]+)=(.*)\Z", line.strip())
            if m:
                v = m.group(2).strip()
                if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                    v = v[1:-1]
                values[m.group(1)] = v
        return values
    return {}


def _dpkg_version(package):
    try:
        text = read_text_file("/var/lib/dpkg/status")
    except (IOError, OSError):
        return None
    for block in re.split(r"\n\s*\n", text):
        if re.search(r"^Package: " + re.escape(package) + r"\s*$", block, re.M):
            if not re.search(r"^Status: .* installed\s*$", block, re.M):
                continue
            m = re.search(r"^Version: (\S+)", block, re.M)
            if m:
                return m.group(1)
    return None


def collect_environment(client):
    if sys.platform.startswith("os2"):
        env = os2_environment()
    else:
        env = generic_environment()
    env["runtime"] = runtime_info()
    env["client"] = client
    return env


def generic_environment():
    os_info = {}
    platform_name = sys.platform
    system = None
    release = None
    machine = None
    if platform_name.startswith("java"):
        system = _java_property("os.name")
        release = _java_property("os.version")
        machine = _java_property("os.arch")
    else:
        u = _uname()
        if u is not None:
            system = u[0]
            release = u[2]
            machine = u[4]
    low = (system or platform_name).lower()
    if low.startswith("linux"):
        family = "linux"
    elif low.startswith("win") or platform_name in ("win32", "cygwin"):
        family = "windows"
    elif low.startswith("darwin") or low.startswith("mac"):
        family = "macos"
    elif "bsd" in low:
        family = "bsd"
    else:
        family = "other"
    os_info["family"] = family
    env = {"os": os_info}
    if family == "linux":
        rel = _os_release()
        name = contract_name(rel.get("NAME"))
        if name is not None:
            os_info["name"] = name
        version = contract_version(rel.get("VERSION_ID"))
        if version is not None:
            os_info["version"] = version
        if contract_version(release) is not None:
            env["stack"] = {"name": "linux", "version": contract_version(release)}
        libc = contract_version(_dpkg_version("libc6"))
        if libc is not None:
            env["fixes"] = [{"kind": "package", "id": "libc6", "version": libc}]
    elif system:
        name = contract_name(system)
        if name is not None:
            os_info["name"] = name
    if contract_version(release) is not None:
        os_info["revision"] = contract_version(release)
    if contract_name(machine) is not None:
        os_info["machine"] = contract_name(machine)
    mode = "none"
    if "libshimwatch" in os.environ.get("LD_PRELOAD", ""):
        mode = "preload"
    env["shim"] = {"installMode": mode}
    return env


# -- OS/2 ---------------------------------------------------------------------------------------

def os2_boot_drive():
    for var in ("OS2_SHELL", "COMSPEC"):
        v = os.environ.get(var)
        if v and len(v) >= 2 and v[1] == ":":
            return v[:2].upper()
    return "C:"


def _join(*parts):
    return "\\".join([p.rstrip("\\/") for p in parts])


def _exists(path):
    try:
        return os.path.exists(path)
    except Exception:
        return 0


def os2_facts():
    """What this OS/2 machine tells about itself, read from its own files and commands."""
    boot = os2_boot_drive()
    facts = {"boot": boot, "syslevel": [], "config": None, "ver": None, "inetver": None}
    config_path = _join(boot, "CONFIG.SYS")
    try:
        facts["config"] = parse_config_sys(text_lines(read_text_file(config_path)))
    except (IOError, OSError, ArtefactError):
        pass
    etc = os.environ.get("ETC")
    roots = [boot]
    if etc and len(etc) >= 2 and etc[1] == ":" and etc[:2].upper() != boot:
        roots.append(etc[:2].upper())
    seen = {}
    for root in roots:
        for rel in ("OS2\\INSTALL\\SYSLEVEL.OS2", "OS2\\INSTALL\\SYSLEVEL.FPK",
                    "OS2\\INSTALL\\SYSLEVEL.ECS", "TCPIP\\BIN\\SYSLEVEL.TCP", "MPTN\\SYSLEVEL.MPT"):
            path = _join(root, rel)
            if path.upper() in seen:
                continue
            seen[path.upper()] = 1
            try:
                facts["syslevel"].append(parse_syslevel_file(read_file(path), path))
            except (IOError, OSError, ArtefactError):
                pass
    ver = _popen_text("ver /r")
    if ver:
        try:
            facts["ver"] = parse_ver(text_lines(ver))
        except ArtefactError:
            pass
    inetver = _popen_text("inetver")
    if inetver:
        try:
            facts["inetver"] = parse_inetver(text_lines(inetver))
            facts["inetverNewstack"] = "newstack" in inetver.lower()
        except ArtefactError:
            pass
    facts["tcpip32"] = find_tcpip32(facts, etc, boot)
    facts["layout"] = python_layout()
    return facts


def find_tcpip32(facts, etc, boot):
    dirs = []
    config = facts.get("config")
    if config is not None:
        dirs.extend(config.get("_libpathRaw") or [])
    if etc:
        dirs.append(_join(etc, "..", "DLL"))
        dirs.append(_join(etc, "DLL"))
    dirs.append(_join(boot, "MPTN\\DLL"))
    for d in dirs:
        if d in (".", ""):
            continue
        if _exists(_join(d, "TCPIP32.DLL")):
            return True
    return False


def _module_file(name):
    m = sys.modules.get(name)
    if m is None:
        return None
    return getattr(m, "__file__", None)


def _uses_native_stack(path):
    """Whether a .PYD imports TCPIP32.DLL, the 4.21+ stack's native sockets: the shim's copies do,
    EMX's stock modules use EMX's own socket layer."""
    try:
        return to_text(read_file(path)).upper().find("TCPIP32") >= 0
    except (IOError, OSError):
        return None


def _listing(directory):
    try:
        names = os.listdir(directory)
    except (IOError, OSError):
        return {}
    found = {}
    for n in names:
        found[n.upper()] = os.path.join(directory, n)
    return found


def python_layout():
    """Which _socket and select modules were loaded, from where, and which copies exist."""
    try:
        import _socket
    except ImportError:
        pass
    layout = {"pythonPath": os.environ.get("PYTHONPATH"),
              "pythonHome": os.environ.get("PYTHONHOME"),
              "loaded": {}, "copies": {}}
    for module, pyd in (("_socket", "_SOCKET.PYD"), ("select", "SELECT.PYD")):
        path = _module_file(module)
        if path:
            layout["loaded"][pyd] = path
    for d in sys.path:
        if not d:
            continue
        names = _listing(d)
        for pyd in SHIM_MODULES:
            if pyd in names:
                layout["copies"].setdefault(pyd, []).append(names[pyd])
    return layout


def install_mode(layout):
    """The shim's install strategy, as its readme gives them: strategy 1 replaces the modules in
    lib-dynload, strategy 2 puts them in a side directory before lib-dynload on PYTHONPATH; a side
    directory after lib-dynload leaves the stock modules loaded and the shim inactive."""
    modes = []
    for pyd in SHIM_MODULES:
        loaded = layout["loaded"].get(pyd)
        if loaded is None:
            continue
        loaded_dir = os.path.dirname(loaded)
        in_lib_dynload = last_dir_component(loaded_dir).lower() == "lib-dynload"
        native = _uses_native_stack(loaded)
        if native:
            if in_lib_dynload:
                modes.append("replace-lib-dynload")
            else:
                modes.append("side-dir-before-lib-dynload")
            continue
        shim_copy = 0
        for copy in layout["copies"].get(pyd, []):
            if copy != loaded and _uses_native_stack(copy):
                shim_copy = 1
        if shim_copy:
            modes.append("side-dir-after-lib-dynload")
        elif native is None:
            modes.append("unknown")
        else:
            modes.append("none")
    if not modes:
        return "unknown"
    first = modes[0]
    for m in modes:
        if m != first:
            return "unknown"
    return first


def _os2_name(title, version):
    t = (title or "").lower()
    if "warp server for e-business" in t:
        return "OS/2 Warp Server for e-business"
    if "warp 4" in t or (version is not None and version.startswith("4.")):
        return "OS/2 Warp 4"
    if "warp 3" in t or "warp version 3" in t or (version is not None and version.startswith("3.")):
        return "OS/2 Warp 3"
    return "OS/2"


# Releases whose SYSLEVEL.OS2 carries a CSD level of their own (Warp 4.5x all show version 4.50
# there and in ver; only the level tells 4.51 from 4.52). Same table as the Java DiagnosticsFold.
OS2_RELEASES = {
    "XR04501": ("OS/2 Warp 4", "4.51"),
    "XR04502": ("OS/2 Warp 4", "4.52"),
    "XR04503": ("OS/2 Warp Server for e-business", "4.52"),
    "XR0C004": ("eComStation", None),
}


def os2_environment_from(facts):
    """The report's environment from an OS/2 machine's facts, as the Java DiagnosticsFold does."""
    entries = facts.get("syslevel") or []
    name = None
    version = None
    tcp = None
    mpts = None
    base = None
    fixpak = None
    for e in entries:
        p = e.get("product")
        if p == "ECOMSTATION":
            name = "eComStation"
            version = stack_version(e.get("version"))
        elif p == "ARCAOS":
            name = "ArcaOS"
            version = contract_version(e.get("version"))
        elif p == "TCPIP":
            tcp = e
        elif p == "MPTS":
            mpts = e
        elif p == "OS2_BASE":
            base = e
        elif p == "OS2_FIXPAK":
            fixpak = e
    if name is None and base is not None:
        version = contract_version(base.get("version"))
        name = _os2_name(base.get("title"), version)
        release = OS2_RELEASES.get((base.get("currentCsd") or "").upper())
        if release is not None:
            name, version = release
    if name is None and fixpak is not None:
        name = _os2_name(fixpak.get("title"), None)
    os_info = {"family": "os2"}
    ver = facts.get("ver")
    if ver is not None:
        if version is None and name != "eComStation":
            version = ver.get("version")
            if name is None or name == "OS/2":
                name = _os2_name(None, version)
        if ver.get("revision"):
            os_info["revision"] = ver["revision"]
    if name is not None:
        os_info["name"] = name
    if version is not None:
        os_info["version"] = version
    env = {"os": os_info}

    level = None
    if tcp is not None and csd_product(tcp.get("currentCsd")) == "UN":
        level = tcp["currentCsd"].upper()
    sv = None
    if tcp is not None:
        sv = stack_version(tcp.get("version"))
    if sv is None and level is not None:
        sv = tcpip_version_of(level)
    inetver = facts.get("inetver")
    if sv is None and inetver is not None and inetver.get("inetVersion"):
        sv = stack_version(inetver["inetVersion"])
    components = []
    tcpip32 = facts.get("tcpip32")
    versions = {}
    if inetver is not None:
        for c in inetver.get("components") or []:
            versions.setdefault(c["name"].upper(), c["version"])
    if tcpip32 is not None:
        c = {"name": "TCPIP32.DLL", "present": bool(tcpip32)}
        if tcpip32 and contract_version(versions.get("TCPIP32.DLL")):
            c["version"] = versions["TCPIP32.DLL"]
        components.append(c)
    present = {}
    config = facts.get("config")
    if config is not None:
        for d in config.get("drivers") or []:
            present[d.upper()] = 1
    for n in versions.keys():
        present[n] = 1
    for n in STACK_FILES:
        if n != "TCPIP32.DLL" and n in present:
            c = {"name": n, "present": True}
            if contract_version(versions.get(n)):
                c["version"] = versions[n]
            components.append(c)
    if sv is not None or level is not None or components:
        stack = {"name": "os2-tcpip"}
        if sv is not None:
            stack["version"] = sv
        if level is not None:
            stack["level"] = level
        if components:
            stack["components"] = components
        env["stack"] = stack
    fixes = []
    seen = {}
    for e in entries:
        csd = e.get("currentCsd")
        if csd is None or not re.match(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}\Z", csd):
            continue
        kind = "csd"
        if e.get("product") == "OS2_FIXPAK" or "fixpak" in (e.get("type") or "").lower():
            kind = "fixpak"
        if (kind, csd) not in seen:
            seen[(kind, csd)] = 1
            fixes.append({"kind": kind, "id": csd})
    if facts.get("inetverNewstack"):
        fixes.append({"kind": "newstack", "id": "NEWSTACK"})
    if fixes:
        env["fixes"] = fixes
    layout = facts.get("layout")
    if layout is not None:
        env["shim"] = {"installMode": install_mode(layout)}
    return env


def os2_environment():
    return os2_environment_from(os2_facts())


def describe_layout(layout):
    """The Python layout for people (preview), directories reduced as in reports."""
    home = layout.get("pythonHome")
    lines = []
    path = layout.get("pythonPath")
    if path is not None:
        reduced = [reduce_dir(p, home) for p in path.split(os.pathsep) if p.strip()]
        lines.append("PYTHONPATH: " + ";".join(reduced))
    else:
        lines.append("PYTHONPATH: (not set)")
    for pyd in SHIM_MODULES:
        loaded = layout["loaded"].get(pyd)
        if loaded is None:
            lines.append("%s: not loaded" % pyd)
        else:
            lines.append("%s loaded from %s" % (pyd, reduce_dir(os.path.dirname(loaded), home)))
    return lines


# ---------------------------------------------------------------------------------------------
# State folder, consent, settings
# ---------------------------------------------------------------------------------------------

class Failure(Exception):
    def __init__(self, status, message):
        Exception.__init__(self, message)
        self.status = status
        self.message = message


def user_home():
    home = os.environ.get("HOME")
    if home:
        return home
    try:
        expanded = os.path.expanduser("~")
        if expanded and expanded != "~":
            return expanded
    except Exception:
        pass
    # OS/2 often has no HOME: keep the state beside this file.
    return os.path.dirname(os.path.abspath(__file__))


def state_root():
    home = os.environ.get("SHIMWATCH_HOME")
    if home and home.strip():
        return home
    xdg = os.environ.get("XDG_STATE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "shimwatch")
    return os.path.join(user_home(), ".local", "state", "shimwatch")


class State(object):
    def __init__(self, root):
        self.root = root
        self.consent = os.path.join(root, "consent.properties")
        self.status = os.path.join(root, "status.properties")
        self.outbox = os.path.join(root, "outbox")
        self.sent = os.path.join(root, "sent")
        self.rejected = os.path.join(root, "rejected")
        self.dropped = os.path.join(root, "dropped.log")
        self.lock = os.path.join(root, "upload.lock")
        self.runs = os.path.join(root, "runs")
        # The Python probe's own memory of its runs, for POPUPLOG.OS2 entries of a run that died.
        self.python_runs = os.path.join(root, "python-runs.properties")


def make_private_dirs(path):
    if os.path.isdir(path):
        return
    parent = os.path.dirname(path)
    if parent and parent != path:
        make_private_dirs(parent)
    try:
        os.mkdir(path)
    except EnvironmentError:
        if not os.path.isdir(path):
            raise
        return
    try:
        os.chmod(path, PRIVATE_DIR_MODE)
    except EnvironmentError:
        pass


def _fsync_dir(directory):
    try:
        fd = os.open(directory, os.O_RDONLY)
    except (EnvironmentError, AttributeError):
        return
    try:
        try:
            os.fsync(fd)
        except (EnvironmentError, AttributeError):
            pass
    finally:
        os.close(fd)


def _rename_over(source, target):
    """os.rename, which on OS/2 and Windows refuses an existing target: then the target is removed
    first (a reader may see no file for that instant, never a half-written one)."""
    try:
        os.rename(source, target)
    except EnvironmentError:
        if not os.path.exists(target):
            raise
        os.remove(target)
        os.rename(source, target)


def atomic_write(path, data):
    """Temp file in the same folder, flushed and synced, then renamed over the target; the
    folder is synced too, so the rename survives a power cut."""
    directory = os.path.dirname(os.path.abspath(path))
    make_private_dirs(directory)
    temp = os.path.join(directory, TEMP_PREFIX + uuid4())
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, PRIVATE_FILE_MODE)
    try:
        try:
            view = to_bytes(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            fsync = getattr(os, "fsync", None)
            if fsync is not None:
                fsync(fd)
        finally:
            os.close(fd)
        _rename_over(temp, path)
    except:
        if os.path.exists(temp):
            try:
                os.remove(temp)
            except EnvironmentError:
                pass
        raise
    _fsync_dir(directory)


def atomic_move(source, target):
    make_private_dirs(os.path.dirname(target))
    _rename_over(source, target)
    _fsync_dir(os.path.dirname(target))
    _fsync_dir(os.path.dirname(source))


_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{16,128}\Z")
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")

LEVEL_WORDS = {
    0: "nothing is collected or sent",
    1: "outcome, comment and environment",
    2: "environment, call metrics and self-test results",
    3: "environment, metrics and trap details",
}


def load_consent(state):
    """(level, installation id, secret); level 0 and no installation when there is no file."""
    try:
        text = read_text_file(state.consent)
    except (IOError, OSError):
        if os.path.exists(state.consent):
            raise Failure(EXIT_USAGE, "%s: cannot be read" % state.consent)
        return 0, None, None
    values = properties_loads(text)
    for k in values.keys():
        if k not in ("level", "installationId", "installationSecret"):
            raise Failure(EXIT_USAGE, "%s: unknown setting '%s' (expected level, installationId,"
                          " installationSecret)" % (state.consent, k))
    level_text = values.get("level", "0").strip()
    if level_text not in ("0", "1", "2", "3"):
        raise Failure(EXIT_USAGE, "%s: level '%s' is not 0, 1, 2 or 3; set it with consent "
                      "--level N" % (state.consent, level_text))
    level = int(level_text)
    installation = values.get("installationId")
    secret = values.get("installationSecret")
    if installation is None and secret is None:
        if level != 0:
            raise Failure(EXIT_USAGE, "%s: level %d without an installation id; run consent "
                          "--level %d again" % (state.consent, level, level))
        return 0, None, None
    if installation is None or not _UUID_RE.match(installation.strip()):
        raise Failure(EXIT_USAGE, "%s: installationId is not a UUID" % state.consent)
    if secret is None or not _SECRET_RE.match(secret.strip()):
        raise Failure(EXIT_USAGE, "%s: installationSecret is missing or malformed" % state.consent)
    return level, installation.strip().lower(), secret.strip()


def save_consent(state, level, installation, secret):
    values = {"level": str(level)}
    if installation is not None:
        values["installationId"] = installation
        values["installationSecret"] = secret
    atomic_write(state.consent, properties_dumps(
        values, "Shimwatch consent; change it with: shimwatch consent --level N"))


def forced_off():
    """The environment variable that forces level 0, in words, or None."""
    if os.environ.get("DO_NOT_TRACK", "").strip() == "1":
        return "DO_NOT_TRACK=1"
    if os.environ.get("SHIMWATCH_TELEMETRY", "").strip().lower() == "off":
        return "SHIMWATCH_TELEMETRY=off"
    return None


def effective_level(level):
    if forced_off() is not None:
        return 0
    return level


class Settings(object):
    def __init__(self, server, key, project, config_file):
        self.server = server
        self.key = key
        self.project = project
        self.config_file = config_file

    def reports_url(self):
        return self.server.rstrip("/") + "/api/v1/projects/" + self.project + "/reports"

    def installation_url(self, installation):
        return self.server.rstrip("/") + "/api/v1/installations/" + installation

    def missing(self):
        if self.server is None:
            return ("no server URL is configured (--server, SHIMWATCH_SERVER or server= in %s)"
                    % self.config_file)
        if self.key is None:
            return ("no ingest key is configured (--key, SHIMWATCH_KEY or key= in %s)"
                    % self.config_file)
        return None


def config_file_path(flag):
    if flag:
        return flag
    explicit = os.environ.get("SHIMWATCH_CONFIG")
    if explicit and explicit.strip():
        return explicit
    xdg = os.environ.get("XDG_CONFIG_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "shimwatch", "config.properties")
    return os.path.join(user_home(), ".config", "shimwatch", "config.properties")


def resolve_settings(options):
    path = config_file_path(options.get("config"))
    values = {}
    try:
        values = properties_loads(read_text_file(path))
    except (IOError, OSError):
        if options.get("config"):
            raise Failure(EXIT_USAGE, "%s: no such config file" % path)
    for k in values.keys():
        if k not in ("server", "key", "project", "fixes.packages"):
            raise Failure(EXIT_USAGE, "%s: unknown setting '%s'" % (path, k))
    server = _first(options.get("server"), os.environ.get("SHIMWATCH_SERVER"), values.get("server"))
    key = _first(options.get("key"), os.environ.get("SHIMWATCH_KEY"), values.get("key"))
    project = _first(options.get("project"), os.environ.get("SHIMWATCH_PROJECT"),
                     values.get("project"))
    if server is not None:
        server = server.strip()
        if not re.match(r"https?://[^/?#\s]+(/[^?#\s]*)?\Z", server, re.I):
            raise Failure(EXIT_USAGE, "'%s' is not an http:// or https:// URL with a host and no "
                          "query" % server)
    if key is not None and not re.match(r"[\x21-\x7e]{1,256}\Z", key):
        raise Failure(EXIT_USAGE, "the ingest key must be 1 to 256 printable characters without "
                      "spaces")
    if project is None:
        project = "default"
    elif not re.match(r"[a-z0-9][a-z0-9-]{0,63}\Z", project):
        raise Failure(EXIT_USAGE, "project '%s' is not a project slug" % project)
    return Settings(server, key, project, path)


def _first(*values):
    for v in values:
        if v is not None and v != "":
            return v
    return None


# ---------------------------------------------------------------------------------------------
# The outbox
# ---------------------------------------------------------------------------------------------

# The Java probe's limits (OutboxLimits), so that both probes keep a shared outbox the same way.
MAX_REPORTS = 500
MAX_OUTBOX_BYTES = 50 * 1024 * 1024
MAX_AGE_SECONDS = 30 * 24 * 3600
SENT_KEPT = 200
REJECTED_KEPT = 100

_QUEUE_NAME = re.compile(r"(\d{16})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
                         r"\.json\Z")


def queue_files(directory):
    try:
        names = os.listdir(directory)
    except EnvironmentError:
        return []
    files = []
    for n in names:
        if _QUEUE_NAME.match(n):
            files.append(n)
    files.sort()
    return [os.path.join(directory, n) for n in files]


def enqueue(state, report):
    body = json_dumps(report)
    now = time.time()
    micros = int(now * 1000000)
    path = os.path.join(state.outbox, "%016d-%s.json" % (micros, report["reportId"]))
    atomic_write(path, body)
    enforce_limits(state, now)
    return path


def drop(state, path, why):
    m = _QUEUE_NAME.match(os.path.basename(path))
    what = os.path.basename(path)
    if m:
        what = "%s queued %s" % (m.group(2), rfc3339(int(m.group(1)) / 1000000.0))
    make_private_dirs(state.root)
    f = open(state.dropped, "a")
    try:
        f.write("%s dropped %s: %s\n" % (rfc3339(time.time()), what, why))
    finally:
        f.close()
    try:
        os.remove(path)
    except EnvironmentError:
        pass


def enforce_limits(state, now):
    files = queue_files(state.outbox)
    sizes = []
    total = 0
    for f in files:
        try:
            size = os.path.getsize(f)
        except EnvironmentError:
            size = 0
        sizes.append(size)
        total = total + size
    count = len(files)
    i = 0
    while i < len(files):
        m = _QUEUE_NAME.match(os.path.basename(files[i]))
        queued = int(m.group(1)) / 1000000.0
        why = None
        if queued < now - MAX_AGE_SECONDS:
            why = "older than 30 days"
        elif count > MAX_REPORTS:
            why = "more than %d reports waiting" % MAX_REPORTS
        elif total > MAX_OUTBOX_BYTES and count > 1:
            why = "more than 50 MiB waiting"
        if why is None:
            break
        drop(state, files[i], why + " (outbox limit)")
        count = count - 1
        total = total - sizes[i]
        i = i + 1


def read_queued(path):
    """(report, body) of a queued file; None when it is not a report."""
    try:
        body = to_text(read_file(path))
        report = json_loads(body)
    except (IOError, OSError, JsonError, ValueError):
        return None
    if not isinstance(report, dict):
        return None
    return report, body


def drop_above_level(state, level):
    n = 0
    for f in queue_files(state.outbox):
        q = read_queued(f)
        if q is not None and q[0].get("consentLevel", 0) > level:
            drop(state, f, "consent lowered to level %d" % level)
            n = n + 1
    return n


def drop_all(state, why):
    n = 0
    for f in queue_files(state.outbox):
        drop(state, f, why)
        n = n + 1
    return n


def _sidecar(path, suffix):
    return path[:-len(".json")] + suffix


def _trim(directory, keep, suffix):
    files = queue_files(directory)
    for f in files[:max(0, len(files) - keep)]:
        for p in (f, _sidecar(f, suffix)):
            try:
                os.remove(p)
            except EnvironmentError:
                pass


def mark_sent(state, path, receipt):
    target = os.path.join(state.sent, os.path.basename(path))
    side = {"reportId": receipt.get("reportId"), "receivedAt": receipt.get("receivedAt"),
            "duplicate": bool(receipt.get("duplicate")), "sentAt": rfc3339(time.time())}
    atomic_write(_sidecar(target, ".receipt.json"), json_dumps(side))
    atomic_move(path, target)
    _trim(state.sent, SENT_KEPT, ".receipt.json")


def mark_rejected(state, path, status, reason):
    target = os.path.join(state.rejected, os.path.basename(path))
    side = {"status": status, "reason": reason, "rejectedAt": rfc3339(time.time())}
    atomic_write(_sidecar(target, ".reason.json"), json_dumps(side))
    atomic_move(path, target)
    _trim(state.rejected, REJECTED_KEPT, ".reason.json")


# ---------------------------------------------------------------------------------------------
# Sending (UploadOutcomes and OutboxUploader in the Java probe)
# ---------------------------------------------------------------------------------------------

CONNECT_AND_ANSWER_TIMEOUT = 30.0
MAX_ANSWER_BYTES = 64 * 1024
MAX_RETRY_AFTER = 24 * 3600
BACKOFF_BASE = 30.0
BACKOFF_CAP = 6 * 3600.0


def gzip_bytes(data):
    buf = _BytesIO()
    g = gzip.GzipFile(fileobj=buf, mode="wb")
    try:
        g.write(data)
    finally:
        g.close()
    return buf.getvalue()


def split_url(url):
    m = re.match(r"(https?)://([^/]+)(/.*)?\Z", url, re.I)
    scheme = m.group(1).lower()
    host = m.group(2)
    path = m.group(3) or "/"
    port = None
    hm = re.match(r"(.*):(\d+)\Z", host)
    if hm and not host.endswith("]"):
        host = hm.group(1)
        port = int(hm.group(2))
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return scheme, host, port, path


def http_request(method, url, headers, body):
    """(status, headers as a dict of lower-case names, body) or raises socket/HTTP errors."""
    scheme, host, port, path = split_url(url)
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(CONNECT_AND_ANSWER_TIMEOUT)
    try:
        if scheme == "https":
            conn = _httplib.HTTPSConnection(host, port)
        else:
            conn = _httplib.HTTPConnection(host, port)
        try:
            try:
                conn.putrequest(method, path, skip_accept_encoding=1)
            except TypeError:
                # Python 2.3's httplib has no skip_accept_encoding; it adds "identity", harmless.
                conn.putrequest(method, path)
            for name, value in headers:
                conn.putheader(name, value)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders()
            if body is not None:
                conn.send(body)
            response = conn.getresponse()
            answer = response.read(MAX_ANSWER_BYTES)
            answer_headers = {}
            retry_after = response.getheader("Retry-After")
            if retry_after is not None:
                answer_headers["retry-after"] = retry_after
            return response.status, answer_headers, answer
        finally:
            conn.close()
    finally:
        socket.setdefaulttimeout(previous)


def server_reason(status, body):
    try:
        p = json_loads(body)
        if isinstance(p, dict):
            code = p.get("reason") or ""
            detail = p.get("detail") or ""
            if code or detail:
                text = str(status)
                if code:
                    text = text + " " + code
                if detail:
                    text = text + ": " + detail
                return text
    except (JsonError, ValueError, TypeError):
        pass
    text = to_text(body or "").strip()
    if not text or len(text) > 200 or "<" in text:
        return "HTTP %d" % status
    return "HTTP %d: %s" % (status, text)


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def retry_after_seconds(header, now):
    """Seconds or an HTTP date, as RFC 9110 allows; capped at a day; None when unreadable."""
    if header is None or not header.strip():
        return None
    h = header.strip()
    if h.isdigit():
        seconds = float(int(h))
    else:
        m = re.match(r"[A-Za-z]{3},\s+(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})"
                     r"\s+GMT\Z", h)
        if m is None or m.group(2).lower() not in _MONTHS:
            return None
        at = timegm((int(m.group(3)), _MONTHS.index(m.group(2).lower()) + 1, int(m.group(1)),
                     int(m.group(4)), int(m.group(5)), int(m.group(6)), 0, 0, 0))
        seconds = at - now
    if seconds < 0:
        seconds = 0.0
    if seconds > MAX_RETRY_AFTER:
        seconds = float(MAX_RETRY_AFTER)
    return seconds


def upload_outcome(status, headers, body, report_id, now):
    """The one place that says what an answer means: (outcome, detail)."""
    if status in (200, 201, 202):
        receipt = None
        try:
            r = json_loads(body)
            if isinstance(r, dict) and str(r.get("reportId", "")).lower() == report_id.lower():
                receipt = r
        except (JsonError, ValueError):
            pass
        if receipt is None:
            return ("failed", "the server answered %d without a receipt for this report: is the "
                    "server URL a Shimwatch server?" % status)
        if status == 200 or receipt.get("duplicate"):
            receipt["duplicate"] = True
            return ("duplicate", receipt)
        return ("accepted", receipt)
    reason = server_reason(status, body)
    if status in (408, 425, 429) or 500 <= status <= 599:
        return ("retry-later", (reason, retry_after_seconds(headers.get("retry-after"), now)))
    if 300 <= status <= 399 or status in (401, 403, 404, 407):
        return ("refused", (status, reason))
    if 400 <= status <= 499:
        return ("rejected", (status, reason))
    return ("failed", "the server answered with status %d" % status)


def backoff_delay(failures):
    n = max(1, min(failures, 40))
    full = BACKOFF_BASE * (2 ** (n - 1))
    if full > BACKOFF_CAP:
        full = BACKOFF_CAP
    return full / 2 + random.random() * (full / 2)


def _refused_hint(status):
    if status == 401:
        return "check the ingest key (--key, SHIMWATCH_KEY or key= in the config file)"
    if status == 403:
        return ("the key may be revoked or for another project, or this installation's secret "
                "does not match the server's; reports stay queued")
    if status == 404:
        return "check the server URL and project (--server, --project)"
    return "check the server URL (--server, SHIMWATCH_SERVER or server= in the config file)"


def load_status(state):
    try:
        return properties_loads(read_text_file(state.status))
    except (IOError, OSError):
        return {}


def save_status(state, values):
    clean = {}
    for k in values.keys():
        if values[k] is not None:
            clean[k] = str(values[k])
    atomic_write(state.status, properties_dumps(clean, "Shimwatch upload status; status shows it"))


class UploadLock(object):
    """One process sends at a time; the Java probe's FileChannel lock is the same fcntl lock."""

    def __init__(self, path):
        self.path = path
        self.fd = None

    def acquire(self):
        make_private_dirs(os.path.dirname(self.path))
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
        try:
            import fcntl
        except ImportError:
            return 1
        try:
            fcntl.lockf(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return 1
        except (IOError, OSError):
            os.close(self.fd)
            self.fd = None
            return 0

    def release(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def send_pending(state, settings, level, installation, secret):
    """Sends what waits, oldest first, one attempt per report. Returns (sent, rejected, waiting,
    why stopped or None). A server's Retry-After is honoured by every command until it has
    passed; the backoff after other failures is skipped by an explicit send, as in the Java CLI."""
    waiting = len(queue_files(state.outbox))
    if level == 0 or installation is None:
        return 0, 0, waiting, "consent is level 0: nothing is sent"
    if waiting == 0:
        return 0, 0, 0, None
    missing = settings.missing()
    if missing is not None:
        status = load_status(state)
        status["lastError"] = "not sent: " + missing
        status["lastErrorAt"] = rfc3339(time.time())
        save_status(state, status)
        return 0, 0, waiting, missing
    status = load_status(state)
    now = time.time()
    until = parse_rfc3339(status.get("retryAfterUntil"))
    if until is not None and now < until:
        return 0, 0, waiting, ("the server asked to wait until %s (%s)"
                               % (status.get("retryAfterUntil"), status.get("lastError")))
    lock = UploadLock(state.lock)
    if not lock.acquire():
        return 0, 0, waiting, "another shimwatch process is sending"
    try:
        return _send_locked(state, settings, level, secret, status)
    finally:
        lock.release()


def _send_locked(state, settings, level, secret, status):
    sent = 0
    rejected = 0
    stopped = None
    failures = int(status.get("failures", "0") or "0")
    for path in queue_files(state.outbox):
        q = read_queued(path)
        if q is None:
            continue
        report, body = q
        if report.get("consentLevel", 0) > level:
            continue
        status["lastAttemptAt"] = rfc3339(time.time())
        payload = to_bytes(body)
        headers = [("Content-Type", "application/json"), ("Shimwatch-Key", settings.key),
                   ("Shimwatch-Installation-Secret", secret),
                   ("User-Agent", "%s/%s" % (PROBE_NAME, PROBE_VERSION))]
        if gzip is not None:
            payload = gzip_bytes(payload)
            headers.append(("Content-Encoding", "gzip"))
        try:
            answer = http_request("POST", settings.reports_url(), headers, payload)
            outcome, detail = upload_outcome(answer[0], answer[1], answer[2],
                                             report.get("reportId", ""), time.time())
        except Exception:
            e = sys.exc_info()[1]
            outcome, detail = ("failed", "cannot send to %s: %s" % (settings.server, _describe(e)))
        now = time.time()
        if outcome in ("accepted", "duplicate"):
            mark_sent(state, path, detail)
            sent = sent + 1
            failures = 0
            status["lastSuccessAt"] = rfc3339(now)
            for k in ("lastError", "lastErrorAt", "nextAttemptAt", "retryAfterUntil"):
                status.pop(k, None)
            continue
        if outcome == "rejected":
            mark_rejected(state, path, detail[0], detail[1])
            rejected = rejected + 1
            status["lastError"] = ("the server refused report %s for good (%s); it was moved to "
                                   "rejected/" % (report.get("reportId"), detail[1]))
            status["lastErrorAt"] = rfc3339(now)
            continue
        failures = failures + 1
        status["lastErrorAt"] = rfc3339(now)
        if outcome == "refused":
            status["lastError"] = ("the server refuses these settings (%s): %s"
                                   % (detail[1], _refused_hint(detail[0])))
            status["nextAttemptAt"] = rfc3339(now + backoff_delay(failures))
        elif outcome == "retry-later":
            wait = detail[1]
            status["lastError"] = "the server is busy or failing (%s)" % detail[0]
            if wait is not None:
                status["retryAfterUntil"] = rfc3339(now + wait)
                status["nextAttemptAt"] = status["retryAfterUntil"]
            else:
                status["nextAttemptAt"] = rfc3339(now + backoff_delay(failures))
        else:
            status["lastError"] = detail
            status["nextAttemptAt"] = rfc3339(now + backoff_delay(failures))
        stopped = status["lastError"] + "; next try after " + status["nextAttemptAt"]
        break
    status["failures"] = str(failures)
    save_status(state, status)
    return sent, rejected, len(queue_files(state.outbox)), stopped


def _describe(e):
    text = str(e)
    if not text:
        return e.__class__.__name__
    return text


def send_and_say(state, settings, level, installation, secret):
    sent, rejected, waiting, stopped = send_pending(state, settings, level, installation, secret)
    if sent:
        err("sent %d report(s)" % sent)
    if rejected:
        err("the server refused %d report(s) for good; they are in %s" % (rejected, state.rejected))
    if waiting:
        text = "%d report(s) still queued" % waiting
        if stopped:
            text = text + ": " + stopped
        err(text + " (status)")
        return EXIT_QUEUED
    return EXIT_OK


def erase_installation(settings, installation, secret):
    """DELETE /api/v1/installations/{id}: ('deleted', n), ('nothing', None), ('refused', reason)
    or ('failed', cause)."""
    try:
        status, headers, body = http_request(
            "DELETE", settings.installation_url(installation),
            [("Shimwatch-Installation-Secret", secret),
             ("User-Agent", "%s/%s" % (PROBE_NAME, PROBE_VERSION))], None)
    except Exception:
        return "failed", "cannot reach %s: %s" % (settings.server, _describe(sys.exc_info()[1]))
    if status == 200:
        try:
            answer = json_loads(body)
            if isinstance(answer, dict) and str(answer.get("installationId", "")).lower() == \
                    installation.lower():
                return "deleted", answer.get("reportsDeleted", 0)
        except (JsonError, ValueError):
            pass
        return "failed", ("the server answered 200 without confirming the deletion: is the server "
                          "URL a Shimwatch server?")
    reason = server_reason(status, body)
    if status == 404 and "installation-not-found" in reason:
        return "nothing", None
    return "refused", reason


# ---------------------------------------------------------------------------------------------
# POPUPLOG.OS2 entries of runs that died
# ---------------------------------------------------------------------------------------------

def popuplog_path(config):
    if config is not None and config.get("suppressPopups"):
        return config["suppressPopups"] + ":\\POPUPLOG.OS2"
    return None


def _names_this_client(trap):
    # EMX Python's interpreters (python.exe, and pythonpm.exe for PM programs), this one by
    # whatever name it has, and the shim's modules.
    names = ["PYTHON.EXE", "PYTHONPM.EXE", file_name(sys.executable or "")] + SHIM_MODULES
    upper = [n.upper() for n in names if n]
    for field in (trap.get("module"), (trap.get("process") or {}).get("name")):
        if field is not None and field.upper() in upper:
            return 1
    return 0


def new_popuplog_traps(state, popuplog_text, now):
    """Entries newer than the last run's start that name the interpreter or the shim's modules,
    not attached to a report before. Their times are local, as POPUPLOG.OS2 writes them."""
    runs = {}
    try:
        runs = properties_loads(read_text_file(state.python_runs))
    except (IOError, OSError):
        pass
    since = runs.get("lastRunStart")
    seen = runs.get("popuplogSeenUntil")
    traps = []
    latest = seen
    if popuplog_text and since:
        try:
            entries = parse_popuplog(text_lines(popuplog_text))
        except ArtefactError:
            entries = []
        for entry in entries:
            at = entry.get("loggedAt")
            if at is None or at < since or (seen is not None and at <= seen):
                continue
            if not _names_this_client(entry["trap"]):
                continue
            traps.append(entry["trap"])
            if latest is None or at > latest:
                latest = at
    return traps, latest


def remember_run_start(state, start, seen_until):
    values = {"lastRunStart": local_iso(start)}
    if seen_until is not None:
        values["popuplogSeenUntil"] = seen_until
    atomic_write(state.python_runs, properties_dumps(values, "Shimwatch Python probe runs"))


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------

OUTCOMES = ["works", "select-problem", "traps", "other", "unknown"]


def exception_trap(exc_type, exc_value, tb, detailed, recorder):
    """An exception that ended the client as a trap: its class, and at level 3 the traceback's
    frames (file name only, function and line) and the last wrapped calls."""
    trap = {"source": "python-exception", "time": rfc3339(time.time())}
    name = getattr(exc_type, "__name__", None) or "Exception"
    if re.match(r"[A-Za-z0-9_-]{1,32}\Z", name):
        trap["errorCode"] = name
    frames = traceback.extract_tb(tb)
    if frames:
        last = frames[-1]
        module = file_name(last[0])
        if module is not None:
            trap["module"] = module
    process = {"pid": os.getpid()}
    exe = file_name(sys.executable or "")
    if exe is not None:
        process["name"] = exe
    trap["process"] = process
    if detailed:
        out_frames = []
        innermost_first = frames[:]
        innermost_first.reverse()
        for item in innermost_first[:64]:
            f = {}
            module = file_name(item[0])
            if module is not None:
                f["module"] = module
            symbol = text_field("%s line %d" % (item[2], item[1]), 256)
            if symbol is not None:
                f["symbol"] = symbol
            out_frames.append(f)
        if out_frames:
            trap["frames"] = out_frames
        if recorder is not None:
            recent = recorder.recent_calls()
            if recent:
                trap["recentCalls"] = recent
    return trap


def strip_trap_details(trap):
    d = {}
    for k in trap.keys():
        if k not in ("frames", "registers", "recentCalls"):
            d[k] = trap[k]
    return d


def assemble(level, installation, outcome, comment, environment, recorder, duration_ms, traps):
    """A report at the user's level, scrubbed: what the level does not allow is left out."""
    now = time.time()
    report = {
        "schemaVersion": SCHEMA_VERSION,
        "reportId": uuid7(now),
        "installationId": installation,
        "consentLevel": level,
        "createdAt": rfc3339(now),
        "source": SOURCE,
        "outcome": outcome,
        "environment": environment,
    }
    scrubber = local_scrubber()
    if comment:
        text = scrubber.scrub(text_field(comment, 4000) or "")
        if text:
            report["comment"] = text[:4000]
    if level >= 2:
        metrics = {"calls": {}, "processes": 1}
        if recorder is not None:
            metrics["calls"] = recorder.calls_json()
        if duration_ms is not None:
            metrics["durationMs"] = int(duration_ms)
        report["metrics"] = metrics
        kept = []
        for t in traps[:64]:
            if level >= 3:
                kept.append(t)
            else:
                kept.append(strip_trap_details(t))
        if kept:
            report["traps"] = kept
    return report


def client_identity(script, name, version):
    if name:
        c = {"name": contract_name(name) or "client"}
    else:
        bt = sys.modules.get("BitTorrent")
        if bt is not None and getattr(bt, "version", None):
            c = {"name": "BitTorrent"}
            if version is None:
                version = str(bt.version)
        else:
            base = os.path.basename(script or "client")
            if base.lower().endswith(".py"):
                base = base[:-3]
            c = {"name": contract_name(base) or "client"}
    if version is not None and contract_version(version) is not None:
        c["version"] = contract_version(version)
    return c


def ask_outcome(given, comment):
    if given is not None:
        return given, comment
    try:
        interactive = sys.stdin.isatty() and sys.stderr.isatty()
    except Exception:
        interactive = 0
    if not interactive:
        return "unknown", comment
    write_out(sys.stderr, "How did it go? [w]orks, [s]elect() problem, [t]raps, [o]ther, "
              "[u]nknown: ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    chosen = "unknown"
    for o in OUTCOMES:
        if answer and o.startswith(answer[0]):
            chosen = o
    if comment is None:
        write_out(sys.stderr, "A comment for the maintainer (Enter for none): ")
        sys.stderr.flush()
        comment = sys.stdin.readline().strip() or None
    return chosen, comment


# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------

USAGE = """usage: python shimwatch_probe.py COMMAND [options]

The Shimwatch probe for Python clients (EMX Python 2.3 on OS/2, any Python 2.3+ or 3).

commands:
  consent [--level N]     show or set what may be sent (0 nothing, the default; 1 environment;
                          2 + select()/poll() metrics; 3 + crash details)
  run [options] -- SCRIPT [ARGS...]
                          run a client script in this interpreter with select() and poll()
                          watched, then queue and send a report (at level 1 and up)
  preview [--queued] [--exact]
                          print the report 'submit' would send, or with --queued the reports
                          waiting in the outbox
  submit [--pending]      make an environment report and send it with everything waiting;
                          with --pending only send what waits, now
  status                  consent, queue, last error, next attempt; makes no connection
  forget [--yes] [--local-only]
                          delete everything this installation sent, on the server and here
  inspect FILE... [--json]
                          what the OS/2 readers understand in SYSLEVEL files, syslevel, ver
                          and inetver output, POPUPLOG.OS2, trap screens and CONFIG.SYS

Every command takes --help. Settings: --server URL (SHIMWATCH_SERVER), --key KEY
(SHIMWATCH_KEY), --project SLUG (SHIMWATCH_PROJECT), --config FILE (SHIMWATCH_CONFIG).
State: $SHIMWATCH_HOME, else $XDG_STATE_HOME/shimwatch, else ~/.local/state/shimwatch (shared
with the Java shimwatch probe). DO_NOT_TRACK=1 or SHIMWATCH_TELEMETRY=off force level 0.
"""

COMMAND_HELP = {
    "consent": """usage: python shimwatch_probe.py consent [--level N]

Shows or sets how much Shimwatch may send.
  0  nothing (the default): no report is assembled, no connection is made
  1  outcome, comment and environment (OS, TCP/IP stack, fixes, client, shim)
  2  level 1 plus select()/poll() metrics (counts, latency histograms)
  3  level 2 plus trap details (traceback frames, registers, the last calls before a crash)
The first opt-in makes a random installation id and a secret kept in the state folder, which
lets 'forget' delete what was sent. Lowering the level discards queued reports above it.

exit status: 0 shown or set, 1 the consent file cannot be written, 2 bad level or damaged file
""",
    "run": """usage: python shimwatch_probe.py run [--outcome O] [--comment TEXT]
       [--client-name N] [--client-version V] [--no-send] [--server URL] [--key KEY]
       [--project SLUG] -- SCRIPT [ARGS...]

Runs SCRIPT in this interpreter, as 'python SCRIPT ARGS' would, with select.select and
select.poll wrapped: counts, results, latency and timeout-overshoot histograms, anomalies and
the last calls. An exception that ends the script is a trap (frames at level 3). On OS/2 a
POPUPLOG.OS2 entry from a run that died is attached to the next report. Afterwards, at consent
level 1 and up, it asks how it went (at a terminal, without --outcome; otherwise 'unknown'),
queues the report and sends it (unless --no-send). At level 0 the script runs unwatched and
nothing is written.

exit status: the script's own (1 after an exception), 2 bad flags or a damaged consent or
config file (the script was not run), 127 SCRIPT not found
""",
    "preview": """usage: python shimwatch_probe.py preview [--queued] [--exact] [--outcome O]
       [--comment TEXT] [--client-name N] [--client-version V]

Prints the report that 'submit' with the same options would send, at your consent level,
without queuing or sending it. With --queued, prints the reports waiting in the outbox, which
'submit --pending' sends (gzip-compressed on the wire). Indented for reading; --exact prints
the compact bytes that are sent.

exit status: 0 printed, 1 unreadable outbox file, 2 bad flags, 3 consent is level 0
""",
    "submit": """usage: python shimwatch_probe.py submit [--pending] [--outcome O]
       [--comment TEXT] [--client-name N] [--client-version V] [--server URL] [--key KEY]

Makes a report of this machine's environment with your outcome and comment, queues it and
sends it with everything else waiting. With --pending, only sends what waits, now (a server's
Retry-After is still honoured).

exit status: 0 sent (or nothing waited), 1 the report could not be written, 2 bad flags,
3 consent is level 0, 4 queued but not sent yet (status says why)
""",
    "status": """usage: python shimwatch_probe.py status

Shows the consent level, how many reports wait and since when, the last error, when the next
attempt is due, and how many were sent, refused or dropped. Makes no connection.

exit status: 0 all is well, 1 something needs attention, 2 bad flags or damaged files
""",
    "forget": """usage: python shimwatch_probe.py forget [--yes] [--local-only] [--server URL]

Asks the server to delete every report this installation sent (the installation secret proves
they are yours), then deletes the local state: consent, installation id and secret, queued,
sent and rejected reports. If the server cannot be reached or refuses, nothing local is
deleted; --local-only deletes only the local state.

exit status: 0 deleted, 1 the server could not be reached or refused, 2 bad flags, no server,
or not confirmed
""",
    "inspect": """usage: python shimwatch_probe.py inspect FILE... [--json]

Reads OS/2 artefacts with the probe's readers: binary SYSLEVEL files, syslevel, ver /r,
inetver and BLDLEVEL output, POPUPLOG.OS2, kernel trap screens (with their messages), CONFIG.SYS
and start batch files. With
--json prints what was read as JSON (the fields the Java readers give too).

exit status: 0 read, 1 a part could not be read, 2 no such file
""",
}

_VALUE_OPTIONS = ["--level", "--outcome", "--comment", "--client-name", "--client-version",
                  "--server", "--key", "--project", "--config"]
_FLAG_OPTIONS = ["--no-send", "--queued", "--exact", "--pending", "--yes", "--local-only",
                 "--json", "--help", "-h"]


def parse_options(command, args, allowed, positional):
    options = {}
    rest = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            rest.extend(args[i + 1:])
            break
        value = None
        name = a
        if a.startswith("--") and "=" in a:
            name = a[:a.index("=")]
            value = a[a.index("=") + 1:]
        if name in ("--help", "-h"):
            options["help"] = 1
            i = i + 1
            continue
        if name in _VALUE_OPTIONS and name in allowed:
            if value is None:
                if i + 1 >= len(args):
                    raise Failure(EXIT_USAGE, "%s needs a value" % name)
                value = args[i + 1]
                i = i + 1
            options[name[2:]] = value
        elif name in _FLAG_OPTIONS and name in allowed:
            options[name[2:]] = 1
        elif a.startswith("-") and a != "-":
            raise Failure(EXIT_USAGE, "%s: unknown option %s (%s --help)" % (command, a, command))
        elif positional:
            rest.append(a)
            if command == "run":
                rest.extend(args[i + 1:])
                break
        else:
            raise Failure(EXIT_USAGE, "%s takes no argument '%s'" % (command, a))
        i = i + 1
    if options.get("outcome") is not None and options["outcome"] not in OUTCOMES:
        raise Failure(EXIT_USAGE, "--outcome: '%s' is not one of %s"
                      % (options["outcome"], ", ".join(OUTCOMES)))
    return options, rest


SERVER_OPTIONS = ["--server", "--key", "--project", "--config"]
REPORT_OPTIONS = ["--outcome", "--comment", "--client-name", "--client-version"]


def cmd_consent(args):
    options, rest = parse_options("consent", args, ["--level"], 0)
    if options.get("help"):
        out(COMMAND_HELP["consent"].rstrip())
        return EXIT_OK
    state = State(state_root())
    level, installation, secret = load_consent(state)
    forced = forced_off()
    if options.get("level") is None:
        out("consent: level %d (%s)" % (level, LEVEL_WORDS[level]))
        if forced is not None:
            out("in force: level 0, because %s is set" % forced)
        if installation is not None:
            out("installation: %s" % installation)
        if effective_level(level) == 0:
            out("to take part: python shimwatch_probe.py consent --level 1 (or 2, or 3)")
        return EXIT_OK
    if options["level"] not in ("0", "1", "2", "3"):
        raise Failure(EXIT_USAGE, "--level: '%s' is not 0, 1, 2 or 3" % options["level"])
    new_level = int(options["level"])
    created = 0
    try:
        if installation is None and new_level == 0:
            discarded = drop_all(state, "consent withdrawn")
        else:
            if installation is None:
                installation = uuid4()
                secret = base64url(random_bytes(32))
                created = 1
            save_consent(state, new_level, installation, secret)
            if new_level == 0:
                discarded = drop_all(state, "consent withdrawn")
            else:
                discarded = drop_above_level(state, new_level)
    except (IOError, OSError):
        raise Failure(EXIT_FAILED, "cannot store consent in %s: %s"
                      % (state.consent, sys.exc_info()[1]))
    out("consent: level %d (%s)" % (new_level, LEVEL_WORDS[new_level]))
    if created:
        out("installation: %s (random; 'forget' deletes what it sent)" % installation)
    if discarded:
        out("discarded %d queued report(s) above the new level" % discarded)
    if forced is not None:
        out("note: %s is set, so nothing is collected or sent while it is" % forced)
    return EXIT_OK


class ScriptEnded(Exception):
    pass


def run_script(script, script_args):
    """Runs the script as __main__ in this interpreter. Returns (exit status, exc_info or None)."""
    try:
        source = read_file(script)
    except (IOError, OSError):
        raise Failure(EXIT_NOT_FOUND, "%s: no such script" % script)
    source = source.replace(to_bytes("\r\n"), to_bytes("\n")) + to_bytes("\n")
    if not PY3:
        source = str(source)
    code = compile(source, script, "exec")
    import types
    main_module = types.ModuleType("__main__")
    main_module.__dict__["__file__"] = script
    main_module.__dict__["__builtins__"] = sys.modules.get("builtins", None) or \
        sys.modules.get("__builtin__")
    saved_argv = sys.argv
    saved_path0 = sys.path[0]
    saved_main = sys.modules.get("__main__")
    sys.argv = [script] + list(script_args)
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    sys.modules["__main__"] = main_module
    status = 0
    failure = None
    try:
        try:
            eval(code, main_module.__dict__)
            _join_client_threads()
        except SystemExit:
            code_value = sys.exc_info()[1].code
            if code_value is None:
                status = 0
            elif isinstance(code_value, integer_types):
                status = code_value
            else:
                write_out(sys.stderr, "%s\n" % (code_value,))
                status = 1
            _join_client_threads()
        except KeyboardInterrupt:
            failure = _client_part(sys.exc_info())
            status = 130
        except:
            failure = _client_part(sys.exc_info())
            status = 1
    finally:
        sys.argv = saved_argv
        sys.path[0] = saved_path0
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
    return status, failure


def _client_part(exc_info):
    """The exception with the traceback from the client's own code on: the probe's frame that
    ran the script is not the client's, and Python would not show it either."""
    tb = exc_info[2]
    if tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return exc_info[0], exc_info[1], tb


def _join_client_threads():
    """Waits for the client's non-daemon threads, as the interpreter would before exiting."""
    try:
        import threading
    except ImportError:
        return
    current_thread = getattr(threading, "current_thread", None)
    if current_thread is None:
        current_thread = threading.currentThread
    current = current_thread()
    for t in threading.enumerate():
        daemon = getattr(t, "daemon", None)
        if daemon is None:
            daemon = t.isDaemon()
        if t is current or daemon:
            continue
        try:
            t.join()
        except RuntimeError:
            pass


def cmd_run(args):
    options, rest = parse_options("run", args, REPORT_OPTIONS + SERVER_OPTIONS + ["--no-send"], 1)
    if options.get("help"):
        out(COMMAND_HELP["run"].rstrip())
        return EXIT_OK
    if not rest:
        raise Failure(EXIT_USAGE, "run needs a SCRIPT to run after -- (run --help)")
    script = rest[0]
    if not os.path.isfile(script):
        raise Failure(EXIT_NOT_FOUND, "%s: no such script" % script)
    state = State(state_root())
    settings = resolve_settings(options)
    level, installation, secret = load_consent(state)
    level = effective_level(level)
    if level == 0:
        status, failure = run_script(script, rest[1:])
        if failure is not None:
            traceback.print_exception(failure[0], failure[1], failure[2])
        return status

    start = time.time()
    popuplog_text = None
    facts = None
    if sys.platform.startswith("os2"):
        facts = os2_facts()
        path = popuplog_path(facts.get("config"))
        if path is not None:
            try:
                popuplog_text = read_text_file(path)
            except (IOError, OSError):
                popuplog_text = None
    earlier_traps, seen_until = new_popuplog_traps(state, popuplog_text, start)
    try:
        remember_run_start(state, start, seen_until)
    except (IOError, OSError):
        err("cannot write %s: a crash of this run may go unnoticed" % state.python_runs)
    recorder = None
    if level >= 2:
        recorder = install_wrappers()
    try:
        status, failure = run_script(script, rest[1:])
    finally:
        if recorder is not None:
            remove_wrappers()
    duration_ms = (time.time() - start) * 1000
    traps = earlier_traps[:]
    if failure is not None and failure[0] is not KeyboardInterrupt:
        traps.append(exception_trap(failure[0], failure[1], failure[2], level >= 3, recorder))
    if failure is not None:
        traceback.print_exception(failure[0], failure[1], failure[2])
    try:
        client = client_identity(script, options.get("client-name"),
                                 options.get("client-version"))
        if facts is not None:
            facts["layout"] = python_layout()
            environment = os2_environment_from(facts)
            environment["runtime"] = runtime_info()
            environment["client"] = client
        else:
            environment = collect_environment(client)
        outcome, comment = ask_outcome(options.get("outcome"), options.get("comment"))
        report = assemble(level, installation, outcome, comment, environment, recorder,
                          duration_ms, traps)
        enqueue(state, report)
        err("queued report %s (level %d)" % (report["reportId"], level))
        if not options.get("no-send"):
            send_and_say(state, settings, level, installation, secret)
    except Failure:
        err(sys.exc_info()[1].message)
    except Exception:
        err("no report for this run: %s" % _describe(sys.exc_info()[1]))
    return status


def _environment_report(options, level, installation):
    client = client_identity(None, options.get("client-name") or "unknown",
                             options.get("client-version"))
    environment = collect_environment(client)
    return assemble(level, installation, options.get("outcome") or "unknown",
                    options.get("comment"), environment, None, None, [])


def cmd_preview(args):
    options, rest = parse_options("preview", args,
                                  REPORT_OPTIONS + SERVER_OPTIONS + ["--queued", "--exact"], 0)
    if options.get("help"):
        out(COMMAND_HELP["preview"].rstrip())
        return EXIT_OK
    state = State(state_root())
    indent = 2
    if options.get("exact"):
        indent = None
    if options.get("queued"):
        files = queue_files(state.outbox)
        status = EXIT_OK
        for f in files:
            q = read_queued(f)
            if q is None:
                err("%s is not a report (not sent)" % f)
                status = EXIT_FAILED
                continue
            if indent is None:
                out(q[1])
            else:
                out(json_dumps(q[0], indent))
        if not files:
            err("the outbox is empty")
        return status
    level, installation, secret = load_consent(state)
    level = effective_level(level)
    if level == 0:
        err("consent is level 0: no report is assembled, nothing would be sent")
        return EXIT_NO_CONSENT
    out(json_dumps(_environment_report(options, level, installation), indent))
    if sys.platform.startswith("os2"):
        # What the install mode was worked out from, for the user to check against their setup.
        for line in describe_layout(python_layout()):
            err(line)
    return EXIT_OK


def cmd_submit(args):
    options, rest = parse_options("submit", args, REPORT_OPTIONS + SERVER_OPTIONS + ["--pending"],
                                  0)
    if options.get("help"):
        out(COMMAND_HELP["submit"].rstrip())
        return EXIT_OK
    state = State(state_root())
    settings = resolve_settings(options)
    level, installation, secret = load_consent(state)
    level = effective_level(level)
    if level == 0:
        err("consent is level 0, so nothing is collected or sent (consent --help)")
        return EXIT_NO_CONSENT
    if not options.get("pending"):
        options["outcome"], options["comment"] = ask_outcome(options.get("outcome"),
                                                             options.get("comment"))
        report = _environment_report(options, level, installation)
        try:
            enqueue(state, report)
        except (IOError, OSError):
            raise Failure(EXIT_FAILED, "cannot write to the outbox %s: %s"
                          % (state.outbox, sys.exc_info()[1]))
        err("queued report %s (level %d)" % (report["reportId"], level))
    return send_and_say(state, settings, level, installation, secret)


def cmd_status(args):
    options, rest = parse_options("status", args, SERVER_OPTIONS, 0)
    if options.get("help"):
        out(COMMAND_HELP["status"].rstrip())
        return EXIT_OK
    state = State(state_root())
    settings = resolve_settings(options)
    level, installation, secret = load_consent(state)
    attention = 0
    out("state: %s" % state.root)
    forced = forced_off()
    if forced is not None:
        out("consent: level %d, but level 0 is in force because %s is set" % (level, forced))
    else:
        out("consent: level %d (%s)" % (level, LEVEL_WORDS[level]))
    if installation is not None:
        out("installation: %s" % installation)
    files = queue_files(state.outbox)
    damaged = 0
    for f in files:
        if read_queued(f) is None:
            damaged = damaged + 1
            out("damaged: %s is not a report; it is never sent" % f)
    if files:
        m = _QUEUE_NAME.match(os.path.basename(files[0]))
        out("queued: %d report(s), the oldest from %s"
            % (len(files), rfc3339(int(m.group(1)) / 1000000.0)))
    else:
        out("queued: none")
    status = load_status(state)
    if status.get("lastSuccessAt"):
        out("last sent: %s" % status["lastSuccessAt"])
    if status.get("lastError"):
        out("last error: %s (%s)" % (status["lastError"], status.get("lastErrorAt", "")))
    if status.get("retryAfterUntil"):
        out("the server asked to wait until: %s" % status["retryAfterUntil"])
    if files and status.get("nextAttemptAt"):
        out("next attempt: %s" % status["nextAttemptAt"])
    missing = settings.missing()
    if missing is not None:
        out("settings: %s" % missing)
    out("sent: %d, refused for good: %d" % (len(queue_files(state.sent)),
                                             len(queue_files(state.rejected))))
    try:
        dropped = len(text_lines(read_text_file(state.dropped)))
    except (IOError, OSError):
        dropped = 0
    if dropped:
        out("dropped by the outbox limits or consent changes: %d (see %s)"
            % (dropped, state.dropped))
    if damaged or (files and (status.get("lastError") or missing is not None)):
        attention = 1
    if attention:
        return EXIT_FAILED
    return EXIT_OK


def _remove_tree(path):
    if not os.path.exists(path):
        return
    if os.path.isdir(path):
        for name in os.listdir(path):
            _remove_tree(os.path.join(path, name))
        os.rmdir(path)
    else:
        os.remove(path)


def cmd_forget(args):
    options, rest = parse_options("forget", args, SERVER_OPTIONS + ["--yes", "--local-only"], 0)
    if options.get("help"):
        out(COMMAND_HELP["forget"].rstrip())
        return EXIT_OK
    state = State(state_root())
    settings = resolve_settings(options)
    level, installation, secret = load_consent(state)
    if not options.get("yes"):
        interactive = 0
        try:
            interactive = sys.stdin.isatty()
        except Exception:
            pass
        if not interactive:
            raise Failure(EXIT_USAGE, "add --yes to confirm (no terminal to ask at)")
        write_out(sys.stderr, "shimwatch: delete everything this installation sent? [y/N] ")
        sys.stderr.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            raise Failure(EXIT_USAGE, "not confirmed; nothing was deleted")
    if not options.get("local-only") and installation is not None:
        if settings.server is None:
            raise Failure(EXIT_USAGE, "no server URL is configured (--server or SHIMWATCH_SERVER);"
                          " use --local-only to delete only what is on this machine")
        result, detail = erase_installation(settings, installation, secret)
        if result == "deleted":
            out("server: deleted %s report(s) of installation %s" % (detail, installation))
        elif result == "nothing":
            out("server: nothing was stored for installation %s" % installation)
        elif result == "refused":
            raise Failure(EXIT_FAILED, "the server refused to delete (%s); nothing was deleted "
                          "here" % detail)
        else:
            raise Failure(EXIT_FAILED, "%s; nothing was deleted here, try again later" % detail)
    elif installation is None:
        out("no installation id: nothing was ever sent from here")
    try:
        if os.path.exists(state.consent):
            os.remove(state.consent)
        for d in (state.outbox, state.sent, state.rejected, state.runs):
            _remove_tree(d)
        for f in (state.status, state.dropped, state.lock, state.python_runs):
            if os.path.exists(f):
                os.remove(f)
    except (IOError, OSError):
        raise Failure(EXIT_FAILED, "cannot delete the local state in %s: %s"
                      % (state.root, sys.exc_info()[1]))
    out("local state deleted (%s); consent is level 0" % state.root)
    return EXIT_OK


def cmd_inspect(args):
    options, rest = parse_options("inspect", args, ["--json"], 1)
    if options.get("help"):
        out(COMMAND_HELP["inspect"].rstrip())
        return EXIT_OK
    if not rest:
        raise Failure(EXIT_USAGE, "inspect needs FILE arguments")
    results = []
    status = EXIT_OK
    for path in rest:
        try:
            data = read_file(path)
        except (IOError, OSError):
            raise Failure(EXIT_USAGE, "%s: no such file" % path)
        parts = [_public(p) for p in inspect_bytes(path, data)]
        for p in parts:
            if "problem" in p:
                status = EXIT_FAILED
        results.append({"file": file_name(path) or "-", "parts": parts})
    if options.get("json"):
        out(json_dumps(results, 2))
    else:
        for r in results:
            out("%s:" % r["file"])
            for p in r["parts"]:
                if "problem" in p:
                    out("  %s: not read: %s" % (p["kind"], p["problem"]))
                elif len(p) == 1:
                    out("  %s: not read by this probe" % p["kind"])
                else:
                    out("  %s: %s" % (p["kind"], json_dumps(_without_kind(p))))
    return status


def _without_kind(part):
    d = {}
    for k in part.keys():
        if k != "kind":
            d[k] = part[k]
    return d


COMMANDS = {
    "consent": cmd_consent,
    "run": cmd_run,
    "preview": cmd_preview,
    "submit": cmd_submit,
    "status": cmd_status,
    "forget": cmd_forget,
    "inspect": cmd_inspect,
}


def main(argv):
    if not argv or argv[0] in ("--help", "-h", "help"):
        write_out(sys.stdout, USAGE)
        if not argv:
            return EXIT_USAGE
        return EXIT_OK
    if argv[0] == "--version":
        out("%s %s (report contract v%d)" % (PROBE_NAME, PROBE_VERSION, SCHEMA_VERSION))
        return EXIT_OK
    command = COMMANDS.get(argv[0])
    if command is None:
        err("unknown command '%s' (--help lists them)" % argv[0])
        return EXIT_USAGE
    try:
        return command(argv[1:])
    except Failure:
        e = sys.exc_info()[1]
        err(e.message)
        return e.status


# Keeps this module alive when `run` puts the client's own __main__ in its place: Python 2 clears
# a module's globals when the module object goes away.
_THIS_MODULE = sys.modules.get(__name__)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
