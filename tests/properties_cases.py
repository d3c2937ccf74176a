"""Hostile inputs for every public function of dlnotes, and how to judge a call.

Shared by the property suite (tests/test_properties.py, Hypothesis draws the inputs) and by the
before/after sweep (benchmarks/hostile_inputs.py, every pool value in turn).

A *spec* names a public callable, a valid baseline call, the kind of each argument and what a
valid result looks like. One argument at a time is replaced by a hostile value; the call must
either return a finite result of the documented shape and dtype, or raise ValueError/TypeError
whose message names that argument. Every other outcome is a defect:

- ``unclear``: ValueError/TypeError whose message does not name the argument;
- ``wrong``: a result for input that has no answer (None, a string, NaN, complex, ...), or a
  result that is not finite or not of the documented shape/dtype;
- ``warning``: any warning (RuntimeWarning, ComplexWarning, UserWarning, ...);
- ``crash``: any other exception (ZeroDivisionError, KeyError, MemoryError, AttributeError, ...);
- ``hang``: no answer within HANG_SECONDS.

The specs look every callable up by name, so this file runs against older versions of the
package too (a name that does not exist there is skipped).
"""

from __future__ import annotations

import dataclasses
import importlib
import math
import re
import signal
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from dlnotes.explorers import all_explorers

HANG_SECONDS = 5.0  # a function; generous, the machine may be loaded
EXPLORER_HANG_SECONDS = 15.0  # an explorer's update redraws
OUTCOMES = ("finite", "named", "unclear", "wrong", "warning", "crash", "hang")
GOOD = ("finite", "named")


# -- hostile values -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Bad:
    """A hostile value: ``label`` for the table, ``make(baseline)`` builds it, ``refuse``: a
    result for it is a wrong answer (it has no answer), ``nan``: it holds NaN."""

    label: str
    make: Callable
    refuse: bool = False
    nan: bool = False


def _arr(v):
    return np.array(v, dtype=float)


def _one(v, x):
    a = _arr(v).copy()
    if a.size:
        a.flat[0] = x
    return a


def _non_contiguous(v):
    a = _arr(v)
    return np.repeat(a, 2, axis=-1)[..., ::2] if a.ndim else a


def _obj_none(v):
    a = np.array(v, dtype=object)
    if a.size:
        a.flat[0] = None
        return a
    return np.array([None], dtype=object)


ARRAY_POOL = [
    Bad("str", lambda v: "abc", refuse=True),
    Bad("None", lambda v: None, refuse=True),
    Bad("list of str", lambda v: ["a", "b"], refuse=True),
    Bad("numeric str", lambda v: np.vectorize(str)(_arr(v)).tolist(), refuse=True),
    Bad("dict", lambda v: {"a": 1}, refuse=True),
    Bad("empty", lambda v: np.atleast_1d(_arr(v))[:0]),
    Bad("[]", lambda v: []),
    Bad("one NaN", lambda v: _one(v, np.nan), refuse=True, nan=True),
    Bad("one inf", lambda v: _one(v, np.inf)),
    Bad("one -inf", lambda v: _one(v, -np.inf)),
    Bad("one 1e308", lambda v: _one(v, 1e308)),
    Bad("one -1e308", lambda v: _one(v, -1e308)),
    Bad("all 1e308", lambda v: np.full_like(_arr(v), 1e308)),
    Bad("bool", lambda v: _arr(v) != 0),
    Bad("int", lambda v: np.round(_arr(v)).astype(np.int64)),
    Bad("float32", lambda v: _arr(v).astype(np.float32)),
    Bad("0-d", lambda v: np.array(_arr(v).ravel()[0] if _arr(v).size else 0.5)),
    Bad("scalar", lambda v: 0.5),
    Bad("non-contiguous", _non_contiguous),
    Bad("extra dim", lambda v: _arr(v)[None]),
    Bad("complex", lambda v: _arr(v) + 1j, refuse=True),
    Bad("object None", _obj_none, refuse=True),
    Bad("ragged", lambda v: [[1.0], [1.0, 2.0]], refuse=True),
    Bad("Fortran", lambda v: np.asfortranarray(_arr(v))),
    Bad("transposed", lambda v: _arr(v).T.copy()),
    Bad("zero columns", lambda v: _arr(v)[..., :0] if _arr(v).ndim else _arr(v)),
]

NUMBER_POOL = [
    Bad("str", lambda v: "abc", refuse=True),
    Bad("numeric str", lambda v: str(v), refuse=True),
    Bad("None", lambda v: None, refuse=True),
    Bad("[v]", lambda v: [v]),
    Bad("1-elem array", lambda v: np.array([v])),
    Bad("0-d", lambda v: np.array(v)),
    Bad("inf", lambda v: math.inf),
    Bad("-inf", lambda v: -math.inf),
    Bad("NaN", lambda v: math.nan, refuse=True, nan=True),
    Bad("1e308", lambda v: 1e308),
    Bad("-1e308", lambda v: -1e308),
    Bad("0", lambda v: 0.0),
    Bad("-1", lambda v: -1.0),
    Bad("True", lambda v: True),
    Bad("float32", lambda v: np.float32(v)),
    Bad("int64", lambda v: np.int64(round(v))),
    Bad("complex", lambda v: complex(v, 1), refuse=True),
    Bad("5e-324", lambda v: 5e-324),
]

INT_POOL = [
    Bad("str", lambda v: "2", refuse=True),
    Bad("None", lambda v: None, refuse=True),
    Bad("2.5", lambda v: 2.5, refuse=True),
    Bad("2.0", lambda v: 2.0),
    Bad("True", lambda v: True, refuse=True),
    Bad("int64", lambda v: np.int64(v)),
    Bad("uint8", lambda v: np.uint8(min(max(v, 0), 255))),
    Bad("0", lambda v: 0),
    Bad("-1", lambda v: -1),
    Bad("1e12", lambda v: 10**12),
    Bad("-1e12", lambda v: -(10**12)),
    Bad("[v]", lambda v: [v], refuse=True),
    Bad("0-d", lambda v: np.array(v)),
    Bad("complex", lambda v: complex(v, 1), refuse=True),
]


def _returns(value):
    return lambda *args, **kwargs: value


def _returns_like(fill, dtype=float):
    def make(v):
        return lambda x, *args: np.full(np.shape(x), fill, dtype=dtype)

    return make


CALLABLE_POOL = [
    Bad("None", lambda v: None, refuse=True),
    Bad("str", lambda v: "np.sin", refuse=True),
    Bad("number", lambda v: 1.5, refuse=True),
    Bad("math.sin", lambda v: math.sin),
    Bad("returns str", lambda v: _returns("a"), refuse=True),
    Bad("returns None", lambda v: _returns(None), refuse=True),
    Bad("returns [None]", lambda v: _returns([None]), refuse=True),
    Bad("returns NaN", _returns_like(np.nan), nan=True),
    Bad("returns complex", _returns_like(1j, complex), refuse=True),
    Bad("wrong shape", lambda v: _returns(np.zeros(7))),
]

CHOICE_POOL = [
    Bad("bogus", lambda v: "bogus", refuse=True),
    Bad("None", lambda v: None, refuse=True),
    Bad("upper case", lambda v: str(v).upper() if str(v).upper() != v else "X", refuse=True),
    Bad("int", lambda v: 3, refuse=True),
    Bad("list", lambda v: [v], refuse=True),
]

BOOL_POOL = [
    Bad("str", lambda v: "no", refuse=True),
    Bad("None", lambda v: None, refuse=True),
    Bad("int 1", lambda v: 1),
    Bad("numpy bool", lambda v: np.bool_(True)),
]

SEED_POOL = [
    Bad("-1", lambda v: -1, refuse=True),
    Bad("True", lambda v: True, refuse=True),
    Bad("2.5", lambda v: 2.5, refuse=True),
    Bad("str", lambda v: "1", refuse=True),
    Bad("array", lambda v: np.array([1, 2]), refuse=True),
    Bad("2**70", lambda v: 2**70),
]

OTHER_POOL = [
    Bad("None", lambda v: None, refuse=True),
    Bad("str", lambda v: "abc", refuse=True),
    Bad("number", lambda v: 1.5, refuse=True),
    Bad("[]", lambda v: []),
]

POOLS = {
    "array": ARRAY_POOL,
    "number": NUMBER_POOL,
    "int": INT_POOL,
    "callable": CALLABLE_POOL,
    "choice": CHOICE_POOL,
    "bool": BOOL_POOL,
    "seed": SEED_POOL,
    "other": OTHER_POOL,
}


# -- specs ----------------------------------------------------------------------------------
@dataclass
class Spec:
    """``target``: "module.name" or "module.Class.method"; ``args``: name -> (kind, baseline);
    ``make``: builds the instance of a method's class; ``shape``: documented result shape from
    the call's arguments (None: only finiteness is checked); ``nan_ok``: NaN in gives NaN out
    by design."""

    target: str
    args: dict
    make: Callable | None = None
    shape: Callable | None = None
    nan_ok: bool = False
    positional: int = 99
    none_ok: tuple = ()  # arguments whose documented default is None
    aliases: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.target

    @property
    def module(self) -> str:
        return self.target.split(".")[0]

    def resolve(self):
        """The callable, or None when this version of the package does not have it."""
        parts = self.target.split(".")
        try:
            obj = importlib.import_module(f"dlnotes.{parts[0]}")
        except ImportError:
            return None
        if self.make is not None:
            try:
                instance = self.make()
            except Exception:
                return None
            return getattr(instance, parts[-1], None)
        for p in parts[1:]:
            obj = getattr(obj, p, None)
            if obj is None:
                return None
        return obj


def same_shape(arg):
    return lambda kw: np.shape(kw[arg])


def rows_of(arg):
    def shape(kw):
        s = np.shape(kw[arg])
        return () if len(s) == 1 else s[:1]

    return shape


B2 = [[0, 0], [0, 1], [1, 0], [1, 1]]
XS = np.linspace(0.0, 1.0, 5)


def _toy_grad(theta):
    """θ ↦ ∇L(θ) of the notes' toy problem (toy.gradient, or gd.toy_grad in older versions)."""
    from dlnotes import toy

    if hasattr(toy, "gradient"):
        return np.array(toy.gradient(theta[0], theta[1]))
    return importlib.import_module("dlnotes.gd").toy_grad(theta)


def _toy_grad_wb(*args):
    """grad for change_by_direction: (w, b) ↦ (∂L/∂w, ∂L/∂b), or θ ↦ ∇L in older versions."""
    from dlnotes import toy

    return toy.gradient(*args) if len(args) == 2 else _toy_grad(args[0])


def _toy_loss_wb(*args):
    """loss for change_by_direction: (w, b) ↦ L, or θ ↦ L in older versions."""
    from dlnotes import toy

    if len(args) == 2:
        return toy.error(*args)
    theta = np.asarray(args[0])
    return toy.error(theta[..., 0], theta[..., 1])


def _net(sizes=(2, 3, 2), **kw):
    from dlnotes.ffn import FeedForwardNetwork

    return FeedForwardNetwork(list(sizes), **kw)


def _spirals():
    from dlnotes.data import spirals

    return spirals(4, k=2, seed=0)


FX, FY = np.array([[0.1, 0.2], [0.3, -0.1], [-0.2, 0.4], [0.5, 0.5]]), np.array([0, 1, 1, 0])
GRID = np.linspace(0.0, 1.0, 4)
A, N, I, F, C, BO, S, O = "array number int callable choice bool seed other".split()  # noqa: E741

SPECS = [
    # neurons
    Spec("neurons.step", {"z": (A, [-1.0, 0.0, 2.0])}, shape=same_shape("z")),
    Spec("neurons.sigmoid", {"z": (A, [-1.0, 0.0, 2.0])}, shape=same_shape("z"), nan_ok=True),
    Spec("neurons.ramp_width", {"w": (N, 2.0), "p": (N, 0.01)}, shape=lambda kw: ()),
    Spec(
        "neurons.mp_neuron",
        {"x": (A, B2), "theta": (I, 1), "inhibitory": (O, [1])},
        shape=rows_of("x"),
    ),
    Spec("neurons.perceptron", {"x": (A, B2), "w": (A, [-1.0, 1.1, 1.1])}, shape=rows_of("x")),
    # perceptron
    Spec("perceptron.boolean_inputs", {"n": (I, 2)}),
    Spec("perceptron.boolean_functions", {"n": (I, 2)}),
    Spec(
        "perceptron.train_perceptron",
        {
            "X": (A, B2),
            "y": (A, [0, 1, 1, 1]),
            "max_epochs": (I, 20),
            "w_init": (A, [0.0, 0.0, 0.0]),
            "seed": (S, 1),
            "normalize": (BO, False),
        },
        positional=3,
        none_ok=("w_init", "seed"),
    ),
    Spec("perceptron.separating_weights", {"X": (A, B2), "y": (A, [0, 1, 1, 1])}),
    Spec("perceptron.is_linearly_separable", {"X": (A, B2), "y": (A, [0, 1, 1, 1])}),
    Spec(
        "perceptron.perceptron_margin",
        {"X": (A, B2), "y": (A, [0, 1, 1, 1]), "w_star": (A, [-0.5, 1.0, 1.0])},
    ),
    Spec(
        "perceptron.separable_data",
        {"m": (I, 10), "n": (I, 2), "gamma": (N, 0.05), "seed": (S, 0)},
    ),
    Spec("perceptron.boolean_network", {"targets": (A, [0, 1, 1, 0])}),
    Spec(
        "perceptron.BooleanNetwork.predict",
        {"X": (A, B2)},
        make=lambda: importlib.import_module("dlnotes.perceptron").boolean_network([0, 1, 1, 0]),
    ),
    Spec(
        "perceptron.BooleanNetwork.hidden",
        {"X": (A, B2)},
        make=lambda: importlib.import_module("dlnotes.perceptron").boolean_network([0, 1, 1, 0]),
    ),
    # toy
    Spec("toy.f", {"w": (A, 1.0), "b": (A, 0.0), "x": (A, [0.5, 2.5])}),
    Spec("toy.error", {"w": (A, [1.0, 2.0]), "b": (A, [0.0, 0.5])}),
    Spec("toy.grad_w", {"w": (A, 1.0), "b": (A, 0.0), "x": (A, 0.5), "y": (A, 0.2)}),
    Spec("toy.grad_b", {"w": (A, 1.0), "b": (A, 0.0), "x": (A, 0.5), "y": (A, 0.2)}),
    Spec("toy.gradient", {"w": (N, 1.0), "b": (N, 0.0)}),
    Spec("toy.error_surface", {"ws": (A, [0.0, 1.0, 2.0]), "bs": (A, [-1.0, 0.0])}),
    Spec(
        "toy.do_gradient_descent",
        {"w": (N, -2.0), "b": (N, -2.0), "eta": (N, 1.0), "max_epochs": (I, 20)},
    ),
    Spec("toy.grid_search_cost", {"n_params": (I, 2), "points_per_axis": (I, 10)}),
    Spec("toy.grid_search", {"ws": (A, [0.0, 1.0, 2.0]), "bs": (A, [-1.0, 0.0])}),
    # gd
    Spec(
        "gd.gradient_descent",
        {"grad": (F, _toy_grad), "theta0": (A, [-2.0, -2.0]), "eta": (N, 1.0), "epochs": (I, 10)},
    ),
    Spec(
        "gd.change_by_direction",
        {
            "loss": (F, _toy_loss_wb),
            "grad": (F, _toy_grad_wb),
            "theta": (A, [1.0, 0.0]),
            "step_length": (N, 0.1),
            "angles_deg": (A, [0.0, 90.0, 180.0]),
        },
    ),
    # uat
    Spec("uat.step_sigmoid", {"x": (A, XS), "s": (N, 0.5), "w": (N, 20.0)}, shape=same_shape("x")),
    Spec(
        "uat.tower",
        {"x": (A, XS), "s1": (N, 0.2), "s2": (N, 0.6), "h": (N, 1.0), "w": (N, 50.0)},
        shape=same_shape("x"),
    ),
    Spec("uat.tower_edges", {"a": (N, 0.0), "c": (N, 1.0), "n_towers": (I, 4)}),
    Spec(
        "uat.tower_heights",
        {"f": (F, np.sin), "a": (N, 0.0), "c": (N, 1.0), "n_towers": (I, 4)},
    ),
    Spec(
        "uat.sum_of_towers",
        {
            "x": (A, XS),
            "s1": (A, [0.0, 0.5]),
            "s2": (A, [0.5, 1.0]),
            "v": (A, [1.0, 2.0]),
            "w": (N, 50.0),
        },
        shape=same_shape("x"),
        aliases={"v": ("h",)},
    ),
    Spec(
        "uat.tower_approximation",
        {"f": (F, np.sin), "a": (N, 0.0), "c": (N, 1.0), "n_towers": (I, 4), "w": (N, 50.0)},
        positional=4,  # w by keyword only
    ),
    Spec(
        "uat.max_error",
        {"f": (F, np.sin), "g": (F, np.cos), "a": (N, 0.0), "c": (N, 1.0), "n_points": (I, 50)},
    ),
    Spec(
        "uat.steepness_for",
        {"n_towers": (I, 4), "a": (N, 0.0), "c": (N, 1.0), "per_bin": (N, 20.0)},
    ),
    Spec(
        "uat.tower_network",
        {"f": (F, np.sin), "a": (N, 0.0), "c": (N, 1.0), "n_towers": (I, 4), "w": (N, 50.0)},
        positional=4,  # w by keyword only
    ),
    Spec(
        "uat.tower_2d",
        {
            "x1": (A, GRID),
            "x2": (A, GRID),
            "box": (O, (0.2, 0.6, 0.2, 0.6)),
            "h": (N, 1.0),
            "w": (N, 50.0),
            "w_out": (N, 50.0),
            "threshold": (N, 1.5),
        },
    ),
    Spec(
        "uat.closed_towers_2d",
        {
            "f": (F, lambda x1, x2: x1 * x2),
            "x1_range": (O, (0.0, 1.0)),
            "x2_range": (O, (0.0, 1.0)),
            "n_towers": (I, 3),
            "w": (N, 50.0),
        },
        none_ok=("w",),  # w=None: steepness chosen from n_towers
    ),
    Spec("uat.mixed_differences", {"v": (A, [[1.0, 2.0], [3.0, 5.0]])}),
    Spec(
        "uat.towers_2d",
        {
            "f": (F, lambda x1, x2: x1 * x2),
            "x1_range": (O, (0.0, 1.0)),
            "x2_range": (O, (0.0, 1.0)),
            "n_towers": (I, 3),
            "w": (N, 50.0),
        },
        none_ok=("w",),  # w=None: steepness chosen from n_towers
    ),
    Spec(
        "uat.tower_network_2d",
        {
            "f": (F, lambda x1, x2: x1 * x2),
            "x1_range": (O, (0.0, 1.0)),
            "x2_range": (O, (0.0, 1.0)),
            "n_towers": (I, 3),
            "w": (N, 50.0),
        },
        none_ok=("w",),  # w=None: steepness chosen from n_towers
    ),
    Spec("uat.oil_region", {"x1": (A, GRID), "x2": (A, GRID)}, shape=same_shape("x1")),
    Spec(
        "uat.region_errors",
        {
            "f": (F, lambda x1, x2: (x1 > 0.5).astype(float)),
            "g": (F, lambda x1, x2: x1 * 0 + 0.5),
            "x1_range": (O, (0.0, 1.0)),
            "x2_range": (O, (0.0, 1.0)),
            "n_points": (I, 21),
        },
    ),
    Spec("uat.smooth", {"x": (A, XS)}, shape=same_shape("x")),
    Spec("uat.target", {"name": (C, "smooth")}),
    Spec("uat.wiggly", {"x": (A, XS)}, shape=same_shape("x")),
    Spec("uat.kink", {"x": (A, XS)}, shape=same_shape("x")),
    Spec("uat.jump", {"x": (A, XS)}, shape=same_shape("x")),
    Spec(
        "uat.towers_needed",
        {"f": (F, np.sin), "epsilon": (N, 0.2), "n_max": (I, 64), "n_points": (I, 201)},
        positional=2,  # n_max and n_points by keyword (the third parameter is a)
    ),
    # ffn
    Spec(
        "ffn.FeedForwardNetwork",
        {
            "sizes": (O, [2, 3, 2]),
            "activation": (C, "sigmoid"),
            "output": (C, "softmax"),
            "loss": (C, "cross_entropy"),
            "seed": (S, 0),
            "reduction": (C, "sum"),
        },
        positional=1,
    ),
    Spec("ffn.FeedForwardNetwork.forward", {"X": (A, FX)}, make=_net),
    Spec("ffn.FeedForwardNetwork.predict", {"X": (A, FX)}, make=_net),
    Spec("ffn.FeedForwardNetwork.forward", {"X": (A, FX), "keep": (BO, True)}, make=_net),
    Spec("ffn.FeedForwardNetwork.loss", {"X": (A, FX), "Y": (A, FY)}, make=_net),
    Spec("ffn.FeedForwardNetwork.backward", {"X": (A, FX), "Y": (A, FY)}, make=_net),
    Spec(
        "ffn.FeedForwardNetwork.gradient_step",
        {"X": (A, FX), "Y": (A, FY), "eta": (N, 0.1)},
        make=_net,
    ),
    Spec(
        "ffn.FeedForwardNetwork.grad_a_L",
        {"a_L": (A, [[0.1, -0.2], [0.3, 0.0], [1.0, 2.0], [-1.0, 0.5]]), "Y": (A, FY)},
        make=_net,
        shape=lambda kw: (4, 2),
    ),
    Spec(
        "ffn.FeedForwardNetwork.fit",
        {
            "X": (A, FX),
            "Y": (A, FY),
            "eta": (N, 0.1),
            "epochs": (I, 5),
            "batch_size": (I, 2),
            "seed": (S, 0),
        },
        make=_net,
        none_ok=("batch_size",),
    ),
    Spec("ffn.FeedForwardNetwork.accuracy", {"X": (A, FX), "y": (A, FY)}, make=_net),
    Spec(
        "ffn.gradient_check",
        {"net": (O, "NET"), "X": (A, FX), "Y": (A, FY), "eps": (N, 1e-6)},
    ),
    Spec(
        "ffn.gradient_errors",
        {"net": (O, "NET"), "X": (A, FX), "Y": (A, FY), "eps": (N, 1e-6)},
    ),
    Spec(
        "ffn.errors_vs_epsilon",
        {"net": (O, "NET"), "X": (A, FX), "Y": (A, FY), "eps": (A, [1e-3, 1e-5])},
    ),
    Spec(
        "ffn.layer_backward",
        {"grad_a": (A, np.ones((4, 2))), "h_prev": (A, np.ones((4, 3))), "W": (A, np.ones((2, 3)))},
    ),
    Spec(
        "ffn.sigmoid",
        {"a": (A, [[-1.0, 0.0, 2.0]])},
        shape=same_shape("a"),
        nan_ok=True,
        aliases={"a": ("z",)},  # ffn.sigmoid may be neurons.sigmoid(z)
    ),
    Spec("ffn.softmax", {"a": (A, [[-1.0, 0.0, 2.0]])}, shape=same_shape("a")),
    Spec("ffn.log_softmax", {"a": (A, [[-1.0, 0.0, 2.0]])}, shape=same_shape("a")),
    Spec("ffn.log_sigmoid", {"a": (A, [[-1.0, 0.0, 2.0]])}, shape=same_shape("a")),
    Spec("neurons.softmax", {"a": (A, [[-1.0, 0.0, 2.0]])}, shape=same_shape("a")),
    Spec("neurons.log_softmax", {"a": (A, [[-1.0, 0.0, 2.0]])}, shape=same_shape("a")),
    Spec("neurons.log_sigmoid", {"a": (A, [[-1.0, 0.0, 2.0]])}, shape=same_shape("a")),
    # data
    Spec(
        "data.spirals",
        {"n_per_class": (I, 5), "k": (I, 3), "noise": (N, 0.2), "seed": (S, 0)},
    ),
    Spec("data.moons", {"n_per_class": (I, 5), "noise": (N, 0.1), "seed": (S, 0)}),
    Spec("data.blobs", {"n_per_class": (I, 5), "k": (I, 3), "spread": (N, 0.3), "seed": (S, 0)}),
    Spec("data.dataset", {"name": (C, "moons"), "n_per_class": (I, 5)}),
    # plots
    Spec(
        "plots.new_figure",
        {"ncols": (I, 2), "width": (N, 7.0), "height": (N, 3.6), "projections": (O, None)},
        positional=1,
    ),
    Spec("plots.axis_end", {"shown": (N, 1000.0), "needed": (N, 1010.0)}),
    Spec(
        "plots.sigmoid_curve",
        {"ax": (O, "AXES"), "w": (N, 1.0), "b": (N, 0.0), "z_range": (N, 6.0)},
        positional=3,
    ),
    Spec("plots.legend_outside", {"ax": (O, "AXES"), "where": (C, "right")}, positional=1),
    Spec("plots.log_axis", {"ax": (O, "AXES"), "which": (C, "y")}, positional=1),
    Spec("plots.smallest_text_px", {"fig": (O, "FIGURE")}, positional=1),
]


# -- explorers: update(control=value) ---------------------------------------------------------
#: Every explorer, found through the registry (never a hand-kept list): "module.Class".
EXPLORERS = [f"{c.__module__.rsplit('.', 1)[1]}.{c.__name__}" for c in all_explorers()]
_EXPLORER_CACHE: dict = {}


def explorer(name: str):
    """One shared instance per explorer class (constructing them is the slow part)."""
    if name not in _EXPLORER_CACHE:
        module, cls = name.rsplit(".", 1)
        try:
            klass = getattr(importlib.import_module(f"dlnotes.explorers.{module}"), cls)
        except (ImportError, AttributeError):
            _EXPLORER_CACHE[name] = None
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                _EXPLORER_CACHE[name] = klass()
    return _EXPLORER_CACHE[name]


def control_kind(value) -> str:
    if isinstance(value, bool):
        return BO
    if isinstance(value, int):
        return I
    if isinstance(value, float):
        return N
    return C


# -- running and judging one call -------------------------------------------------------------
class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


def _leaves(result, depth=0):
    """The numeric leaves of a result (arrays, numbers, in tuples, lists, dicts, dataclasses)."""
    if depth > 3:
        return
    if isinstance(result, np.ndarray) or isinstance(result, bool | int | float | np.generic):
        yield result
    elif isinstance(result, tuple | list):
        for r in result:
            yield from _leaves(r, depth + 1)
    elif isinstance(result, dict):
        for r in result.values():
            yield from _leaves(r, depth + 1)
    elif dataclasses.is_dataclass(result) and not isinstance(result, type):
        for f in dataclasses.fields(result):
            yield from _leaves(getattr(result, f.name), depth + 1)
    elif hasattr(result, "W") and isinstance(result.W, list):  # a network
        yield from _leaves(result.W, depth + 1)


def judge_result(spec: Spec, kwargs: dict, result, bad: Bad) -> str:
    """ "finite" or "wrong" for a call that returned."""
    nan_in = bad.nan
    for leaf in _leaves(result):
        arr = np.asarray(leaf)
        if arr.dtype.kind not in "biuf":
            return "wrong"
        if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
            if not (spec.nan_ok and nan_in and np.all(np.isfinite(arr) | np.isnan(arr))):
                return "wrong"
    if bad.refuse and not (spec.nan_ok and bad.nan):
        return "wrong"
    if spec.shape is not None:
        try:
            want = spec.shape(kwargs)
        except Exception:
            want = None
        if want is not None and np.shape(result) != tuple(want):
            return "wrong"
    return "finite"


def names_argument(message: str, name: str, aliases=()) -> bool:
    return any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(n)}(?![A-Za-z0-9_])", message)
               for n in (name, *aliases))  # fmt: skip


def call(spec: Spec, fn, arg: str, bad: Bad, value=None, use_value=False):
    """Call ``fn`` with ``arg`` replaced; return (outcome, detail)."""
    kwargs = {k: _baseline(v) for k, (_, v) in spec.args.items()}
    kwargs[arg] = value if use_value else bad.make(spec.args[arg][1])
    if kwargs[arg] is None and (spec.args[arg][1] is None or arg in spec.none_ok):
        bad = dataclasses.replace(bad, refuse=False)
    names = list(spec.args)
    positional = [kwargs[n] for n in names[: spec.positional]]
    keyword = {n: kwargs[n] for n in names[spec.positional :]}
    return run(lambda: fn(*positional, **keyword), arg, spec, kwargs, bad)


def _baseline(v):
    if isinstance(v, str) and v == "AXES":
        from dlnotes.plots import new_figure

        return new_figure()[1][0]
    if isinstance(v, str) and v == "FIGURE":
        from dlnotes.plots import new_figure

        return new_figure()[0]
    if isinstance(v, str) and v == "NET":
        return _net()
    if v is None:
        return None
    if isinstance(v, list | np.ndarray) and not callable(v):
        return np.array(v) if isinstance(v, np.ndarray) else list(v)
    return v


def run(thunk, arg: str, spec: Spec | None, kwargs: dict, bad: Bad) -> tuple[str, str]:
    limit = HANG_SECONDS if spec is not None else EXPLORER_HANG_SECONDS
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = thunk()
                error = None
            except Hang:
                return "hang", f"no answer in {limit} s"
            except (ValueError, TypeError) as e:
                result, error = None, e
            except Exception as e:  # noqa: BLE001 - every other type is the defect we count
                return "crash", f"{type(e).__name__}: {e}"[:200]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    if caught:
        w = caught[0]
        return "warning", f"{w.category.__name__}: {w.message}"[:200]
    if error is not None:
        msg = str(error)
        aliases = spec.aliases.get(arg, ()) if spec else ()
        if names_argument(msg, arg, aliases):
            return "named", f"{type(error).__name__}: {msg}"[:200]
        return "unclear", f"{type(error).__name__}: {msg}"[:200]
    if spec is None:  # an explorer: numbers shown must be finite
        for leaf in _leaves(result):
            a = np.asarray(leaf)
            if a.dtype.kind == "f" and not np.all(np.isfinite(a)):
                return "wrong", f"shows {result!r:.120}"
        return ("wrong" if bad.refuse else "finite"), f"{result!r:.120}"
    outcome = judge_result(spec, kwargs, result, bad)
    return outcome, f"returned {result!r:.120}"
