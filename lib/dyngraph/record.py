"""Frozen value types without importing :mod:`dataclasses` on the CGI cold path.

``import dataclasses`` pulls in ``inspect``, ``ast``, ``dis`` and ``tokenize``:
about 7 ms of a 304 or 400 answered in ~18 ms. :func:`record` gives a class
what ``@dataclass(frozen=True)`` would for fields with plain defaults:
keyword or positional ``__init__`` (then ``__post_init__``), ``__repr__``,
``__eq__``, ``__hash__``, immutability and ``__match_args__``.

``dataclasses.fields``/``replace``/``asdict``/``is_dataclass`` keep working:
``__dataclass_fields__`` is built on first use from a twin dataclass, so
only code that asks for it pays for the import.
"""

_MISSING = object()


class FrozenInstanceError(AttributeError):
    """Raised on assignment to a field of a record (as dataclasses does)."""


def record(cls):
    """Class decorator: an immutable value type from annotated class attributes."""
    names = tuple(cls.__dict__.get("__annotations__", {}))
    defaults = {name: cls.__dict__.get(name, _MISSING) for name in names}
    for name in names:
        if defaults[name] is not _MISSING:
            delattr(cls, name)
    cls._record_names = names
    cls._record_defaults = defaults
    cls.__match_args__ = names
    for name, method in _METHODS.items():
        setattr(cls, name, method)
    cls.__dataclass_fields__ = _LazyDataclassFields()
    return cls


def fields(obj):
    """The field names of a record class or instance, in declaration order."""
    return obj._record_names


def replace(obj, **changes):
    """A copy of ``obj`` with some fields changed (runs ``__post_init__`` again)."""
    values = {name: getattr(obj, name) for name in obj._record_names}
    values.update(changes)
    return type(obj)(**values)


def _init(self, *args, **kwargs):
    names = self._record_names
    if len(args) > len(names):
        msg = f"{type(self).__name__}() takes at most {len(names)} positional arguments"
        raise TypeError(msg)
    values = dict(zip(names, args))
    for name, value in kwargs.items():
        if name not in self._record_defaults or name in values:
            msg = f"{type(self).__name__}() got an unexpected or repeated argument {name!r}"
            raise TypeError(msg)
        values[name] = value
    for name in names:
        value = values.get(name, self._record_defaults[name])
        if value is _MISSING:
            msg = f"{type(self).__name__}() missing required argument {name!r}"
            raise TypeError(msg)
        object.__setattr__(self, name, value)
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _repr(self):
    inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_names)
    return f"{type(self).__qualname__}({inner})"


def _astuple(obj):
    return tuple(getattr(obj, name) for name in obj._record_names)


def _eq(self, other):
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _astuple(self) == _astuple(other)


def _hash(self):
    return hash(_astuple(self))


def _setattr(self, name, value):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self, name):
    raise FrozenInstanceError(f"cannot delete field {name!r}")


_METHODS = {
    "__init__": _init, "__repr__": _repr, "__eq__": _eq, "__hash__": _hash,
    "__setattr__": _setattr, "__delattr__": _delattr,
}


class _LazyDataclassFields:
    """``__dataclass_fields__`` on demand, from a real frozen dataclass twin."""

    def __get__(self, obj, cls):
        import dataclasses

        namespace = {"__annotations__": dict(cls.__annotations__)}
        namespace.update({n: d for n, d in cls._record_defaults.items() if d is not _MISSING})
        twin = dataclasses.dataclass(frozen=True)(type(cls.__name__, (), namespace))
        type.__setattr__(cls, "__dataclass_fields__", twin.__dataclass_fields__)
        return twin.__dataclass_fields__
