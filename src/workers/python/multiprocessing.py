"""multiprocessing, as this lab makes it: each Process starts in a worker of its own with its own
interpreter, the way Python's spawn start method starts a new python3. The child imports the
program as __mp_main__ and then calls the target, so the `if __name__ == "__main__":` guard
matters as it does in Python. join() and Queue.get() block for real (Atomics.wait on shared
memory). What this lab does not make raises NotImplementedError."""

import json
import os
import pickle
import queue as _queue
import sys
import traceback
import types

import _mp_bridge
from pyodide.ffi import to_js

SUPPORTED = (
    "Process(target, args, kwargs, name, daemon) or a subclass with its own run(), with start(), join(timeout), is_alive(), "
    "exitcode, name, pid and daemon; Queue() with put() and get(); cpu_count(); "
    "current_process(); freeze_support(); get_start_method() and set_start_method('spawn')"
)

__all__ = ["Process", "Queue", "cpu_count", "current_process", "freeze_support",
           "get_start_method", "set_start_method", "get_context"]


class _NotSupported(NotImplementedError, AttributeError):
    """A missing attribute of an object: an AttributeError too, so hasattr() says False and getattr() gives its default.
    The module's own names stay a plain NotImplementedError: as an AttributeError, `from multiprocessing import Pool`
    would become Python's bare ImportError without this message."""


# Named as the builtin it extends, so an uncaught one reads `NotImplementedError: …` as before.
_NotSupported.__module__ = "builtins"
_NotSupported.__name__ = _NotSupported.__qualname__ = "NotImplementedError"


def _not_supported(what, kind=NotImplementedError):
    return kind(
        f"multiprocessing.{what} is not part of this lab's multiprocessing, which has {SUPPORTED}."
    )


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    raise _not_supported(name)


class _Submodules:
    """Refuses multiprocessing.pool, multiprocessing.shared_memory, …: this module has none."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        if fullname.startswith("multiprocessing."):
            raise _not_supported(fullname.split(".", 1)[1])
        return None


sys.meta_path.insert(0, _Submodules)

# True while a child imports the program and unpickles its target, as CPython's _inheriting.
_bootstrapping = False
_children = []
_child_counter = 0
# Queues may travel to a child only in its start(): "through inheritance", as CPython says.
_spawning = False

_BOOTSTRAP_ERROR = """
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        """


def _seconds(timeout):
    return None if timeout is None else max(0.0, float(timeout)) * 1000.0


class _ProcessInfo:
    def __init__(self, name, pid, identity):
        self.name = name
        self.pid = pid
        self.ident = pid
        self._identity = tuple(identity)
        self.daemon = False

    def __repr__(self):
        return f"<_ProcessInfo name={self.name!r} pid={self.pid}>"

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise _not_supported(f"current_process().{name}", _NotSupported)


_current = _ProcessInfo("MainProcess", int(_mp_bridge.pid), json.loads(_mp_bridge.identity))
if _current._identity:
    _current.name = str(_mp_bridge.name)
os.getpid = lambda: _current.pid
os.cpu_count = lambda: int(_mp_bridge.cores)


def current_process():
    return _current


def cpu_count():
    return int(_mp_bridge.cores)


def freeze_support():
    pass


def get_start_method(allow_none=False):
    return "spawn"


def set_start_method(method, force=False):
    if method != "spawn":
        raise NotImplementedError(
            f"The start method {method!r} is not part of this lab: every process starts as 'spawn' does, in a worker of its own."
        )


def get_context(method=None):
    set_start_method(method or "spawn")
    return sys.modules[__name__]


class Process:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        global _child_counter
        if group is not None:
            raise ValueError("group argument must be None for now")
        _child_counter += 1
        self._identity = _current._identity + (_child_counter,)
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs or {})
        self._name = name if name is not None else "Process-" + ":".join(str(i) for i in self._identity)
        self._daemon = _current.daemon if daemon is None else bool(daemon)
        self._pid = None
        self._ended = False

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        global _spawning
        if self._pid is not None:
            raise AssertionError("cannot start a process twice")
        if _current.daemon:
            raise AssertionError("daemonic processes are not allowed to have children")
        if _bootstrapping:
            raise RuntimeError(_BOOTSTRAP_ERROR)
        _spawning = True
        try:
            # The process itself, as spawn sends it: a subclass's own run() and attributes travel too.
            payload = pickle.dumps(self)
        finally:
            _spawning = False
        self._pid = int(_mp_bridge.start_process(self._name, json.dumps(self._identity), to_js(payload), self._daemon))
        _children.append(self)

    def join(self, timeout=None):
        if self._pid is None:
            raise AssertionError("can only join a started process")
        if _mp_bridge.join_process(self._pid, _seconds(timeout)):
            self._forget()

    def is_alive(self):
        if self._pid is None:
            return False
        if _mp_bridge.exit_code(self._pid) is None:
            return True
        self._forget()
        return False

    def _forget(self):
        if self in _children:
            _children.remove(self)

    @property
    def exitcode(self):
        return None if self._pid is None else _mp_bridge.exit_code(self._pid)

    @property
    def pid(self):
        return self._pid

    ident = pid

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def daemon(self):
        return self._daemon

    @daemon.setter
    def daemon(self, daemonic):
        if self._pid is not None:
            raise AssertionError("process has already started")
        self._daemon = bool(daemonic)

    def __repr__(self):
        if self._pid is None:
            state = "initial"
        elif self.exitcode is None:
            state = "started"
        else:
            state = f"stopped exitcode={self.exitcode}"
        return f"<Process name={self._name!r} {state}{' daemon' if self._daemon else ''}>"

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise _not_supported(f"Process.{name}", _NotSupported)


def _rebuild_queue(number):
    return Queue._known(number)


class Queue:
    def __init__(self, maxsize=0):
        if maxsize:
            raise _not_supported("Queue(maxsize)")
        self._number = int(_mp_bridge.new_queue())

    @classmethod
    def _known(cls, number):
        made = cls.__new__(cls)
        made._number = number
        return made

    def __reduce__(self):
        if not _spawning:
            raise RuntimeError("Queue objects should only be shared between processes through inheritance")
        return (_rebuild_queue, (self._number,))

    def put(self, obj, block=True, timeout=None):
        data = to_js(pickle.dumps(obj))
        if not _mp_bridge.queue_put(self._number, data, _seconds(timeout) if block else 0):
            raise _queue.Full

    def get(self, block=True, timeout=None):
        data = _mp_bridge.queue_get(self._number, _seconds(timeout) if block else 0)
        if data is None:
            raise _queue.Empty
        return pickle.loads(data.to_bytes())

    def put_nowait(self, obj):
        self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise _not_supported(f"Queue.{name}", _NotSupported)


def _exit_code(stop):
    """The exit code of a SystemExit, as python3 gives it."""
    code = stop.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _print_uncaught(error):
    # Our own frames (the exec, the call of run()) are left out: the traceback starts in the program.
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb)


def _last_line(error):
    """The exception's line of its traceback ("ValueError: no good"), without the notes Python adds after it."""
    name = type(error).__name__
    for line in "".join(traceback.format_exception_only(type(error), error)).splitlines():
        if line.split(":", 1)[0].rsplit(".", 1)[-1] == name:
            return line.strip()
    return name


def _load_program(path, name):
    module = types.ModuleType(name)
    module.__file__ = path
    module.__builtins__ = __builtins__
    sys.modules[name] = module
    sys.modules["__main__"] = module
    with open(path, encoding="utf-8") as source:
        code = compile(source.read(), path, "exec")
    return module, code


def _finish(exit_code, error):
    """As Python at exit: flushes what was printed and waits for the processes that are not daemons."""
    for child in list(_children):
        if not child._daemon:
            child.join()
    sys.stdout.flush()
    sys.stderr.flush()
    return json.dumps({"exitCode": exit_code, "error": error})


def _run_main(path):
    """Runs the program as __main__, as `python3 main.py` does."""
    try:
        module, code = _load_program(path, "__main__")
        exec(code, module.__dict__)
    except SystemExit as stop:
        return _finish(_exit_code(stop), None)
    except BaseException as error:
        _print_uncaught(error)
        return _finish(1, _last_line(error))
    return _finish(0, None)


def _run_child(path):
    """Runs one Process as spawn does: imports the program as __mp_main__, then unpickles the process and calls its run()."""
    global _bootstrapping
    _bootstrapping = True
    try:
        module, code = _load_program(path, "__mp_main__")
        exec(code, module.__dict__)
        process = pickle.loads(_mp_bridge.payload.to_bytes())
    except SystemExit as stop:
        return _finish(_exit_code(stop), None)
    except BaseException as error:
        _print_uncaught(error)
        return _finish(1, _last_line(error))
    finally:
        _bootstrapping = False
    # As CPython's child: it is a daemon if its Process was, which its own start() then refuses.
    _current.daemon = process._daemon
    try:
        process.run()
    except SystemExit as stop:
        return _finish(_exit_code(stop), None)
    except BaseException as error:
        sys.stderr.write(f"Process {_current.name}:\n")
        _print_uncaught(error)
        return _finish(1, _last_line(error))
    return _finish(0, None)
