"""A minimal Redis client (RESP2 over one socket) for the render cache. Standard library only.

The redis package costs tens of milliseconds to import, more than a cached
answer takes in all; the cache needs GET, pipelined pairs and EVAL. Errors are
``OSError`` subclasses (socket faults already are; a Redis error reply is
:class:`RespError`), so callers treat every fault the same way.
"""

SOCKET_TIMEOUT = 1.0
_OPTIONS = ("db", "password", "socket_timeout", "socket_connect_timeout")


class RespError(OSError):
    """Redis answered with an error reply, or the URL cannot be used."""


def parse_url(url):
    """``redis://[user:password@]host[:port][/db][?options]``, ``rediss://…``, ``unix://[:password@]/path[?db=N]``."""
    scheme, _, rest = url.partition("://")
    rest, _, query = rest.partition("?")
    options = {}
    for pair in query.split("&") if query else ():
        name, _, value = pair.partition("=")
        options[_unquote(name)] = _unquote(value)
    userinfo, at, location = rest.rpartition("@")
    if not at:
        location = rest
    user, _, password = userinfo.partition(":")
    conf = {"tls": scheme == "rediss", "user": _unquote(user) or None, "password": _unquote(password) or None,
            "db": 0, "timeout": SOCKET_TIMEOUT, "connect_timeout": SOCKET_TIMEOUT, "host": None, "port": 6379,
            "path": None}
    if scheme == "unix":
        conf["path"] = _unquote(location)
    else:
        hostport, _, db = location.partition("/")
        if hostport.startswith("["):  # [::1]:6379
            host, _, port = hostport[1:].partition("]")
            port = port.removeprefix(":")
        else:
            host, _, port = hostport.partition(":")
        conf["host"] = host or "localhost"
        if port:
            conf["port"] = int(port)
        if db:
            conf["db"] = int(db)
    if "db" in options:
        conf["db"] = int(options["db"])
    if options.get("password"):
        conf["password"] = options["password"]
    if "socket_timeout" in options:
        conf["timeout"] = float(options["socket_timeout"])
    conf["connect_timeout"] = float(options.get("socket_connect_timeout", conf["timeout"]))
    return conf


def _unquote(text):
    """Percent-decoding without urllib.parse (which the cold path does not import)."""
    if "%" not in text:
        return text
    parts = text.split("%")
    out = bytearray(parts[0].encode())
    for part in parts[1:]:
        out += bytes.fromhex(part[:2]) + part[2:].encode()
    return out.decode("utf-8")


class RespClient:
    """Connects on first use, reconnects after a fault; one command list (or several, pipelined) per call."""

    def __init__(self, url):
        self.sock = self.reader = None
        try:
            self.conf = parse_url(url)
        except ValueError as error:
            raise RespError(f"DYNGRAPH_STORE_URL cannot be read ({error})") from None
        self.sock = self.reader = None

    def call(self, *commands):
        """Send the commands in one write; return their replies in order (bulk strings as bytes)."""
        if self.sock is None:
            self._connect()
        try:
            self.sock.sendall(b"".join(map(_encode, commands)))
            return [self._reply() for _ in commands]
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.reader is not None:
            self.reader.close()
        if self.sock is not None:
            self.sock.close()
        self.sock = self.reader = None

    __del__ = close  # a cache dropped by its process (or a test) takes its connection with it

    def _connect(self):
        import socket

        conf = self.conf
        if conf["path"]:
            sock = socket.socket(socket.AF_UNIX)
            sock.settimeout(conf["connect_timeout"])
            try:
                sock.connect(conf["path"])
            except BaseException:
                sock.close()
                raise
        else:
            sock = socket.create_connection((conf["host"], conf["port"]), timeout=conf["connect_timeout"])
        if conf["tls"]:
            import ssl

            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=conf["host"])
        sock.settimeout(conf["timeout"])
        self.sock, self.reader = sock, sock.makefile("rb")
        setup = []
        if conf["password"]:
            auth = [conf["user"].encode()] if conf["user"] else []
            setup.append([b"AUTH", *auth, conf["password"].encode()])
        if conf["db"]:
            setup.append([b"SELECT", b"%d" % conf["db"]])
        if setup:
            self.call(*setup)

    def _reply(self):
        line = self.reader.readline()
        if not line.endswith(b"\r\n"):
            raise ConnectionError("Redis closed the connection")
        kind, value = line[:1], line[1:-2]
        if kind == b"$":
            size = int(value)
            if size < 0:
                return None
            data = self.reader.read(size + 2)
            if len(data) != size + 2:
                raise ConnectionError("Redis closed the connection")
            return data[:-2]
        if kind == b"+":
            return value
        if kind == b":":
            return int(value)
        if kind == b"*":
            count = int(value)
            return None if count < 0 else [self._reply() for _ in range(count)]
        if kind == b"-":
            raise RespError(value.decode("utf-8", "replace"))
        raise ConnectionError(f"unexpected Redis reply {line[:20]!r}")


def _encode(command):
    out = [b"*%d\r\n" % len(command)]
    for arg in command:
        if isinstance(arg, str):
            arg = arg.encode("utf-8")
        out.append(b"$%d\r\n%s\r\n" % (len(arg), arg))
    return b"".join(out)
