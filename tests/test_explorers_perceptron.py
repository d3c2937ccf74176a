"""Explorer and figure tests for notebook 01 (dlnotes.explorers.perceptron), no browser."""

import ipywidgets as widgets
import numpy as np
import pytest

from dlnotes.explorers.perceptron import (
    CLOUD_LIM,
    DATA,
    LIM,
    STARTS,
    LearningExplorer,
    PerceptronExplorer,
    angle_figure,
    convergence_figure,
    halfplane_in_box,
    learning_figure,
    mp_figure,
    network_figure,
    perceptron_figure,
    sixteen_functions_figure,
    theorem,
    xor_figure,
)
from dlnotes.perceptron import (
    TWO_INPUT_FUNCTIONS,
    perceptron_margin,
    separable_data,
    train_perceptron,
)

JPEG = b"\xff\xd8\xff"  # what a move shows (Explorer.render)


# -- geometry -----------------------------------------------------------------------------------
def polygon_area(p):
    x, y = p[:, 0], p[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def test_halfplane_in_box_half_of_the_square():
    polygon, segment = halfplane_in_box([-0.5, 1.0, 0.0])  # x1 >= 0.5
    side = LIM[1] - LIM[0]
    assert polygon_area(polygon) == pytest.approx(side * (LIM[1] - 0.5))
    assert np.all(polygon[:, 0] >= 0.5 - 1e-12)
    np.testing.assert_allclose(np.sort(segment[:, 0]), [0.5, 0.5])
    np.testing.assert_allclose(np.sort(segment[:, 1]), list(LIM))


def test_halfplane_in_box_diagonal_and_extremes():
    polygon, segment = halfplane_in_box([-1.0, 1.0, 1.0])  # x1 + x2 >= 1
    assert polygon_area(polygon) == pytest.approx(2.0)  # the square has area 4, cut on a diagonal
    np.testing.assert_allclose(segment.sum(axis=1), [1.0, 1.0])
    everything, none = halfplane_in_box([5.0, 0.0, 0.0])
    assert polygon_area(everything) == pytest.approx(4.0) and none is None
    empty, none = halfplane_in_box([-5.0, 1.0, 1.0])
    assert empty.shape == (0, 2) and none is None


# -- static figures -----------------------------------------------------------------------------
def test_perceptron_figure_or_has_no_mistakes():
    fig, parts = perceptron_figure((-0.5, 1.0, 1.0), "OR")
    assert parts.mistakes == 0
    assert parts.picture.rings.get_offsets().shape[0] == 0
    _, parts = perceptron_figure((-0.5, 1.0, 1.0), "AND")
    assert parts.mistakes == 2  # (0,1) and (1,0) are on the positive side


def test_learning_figure_last_update_is_clean():
    panel = learning_figure("OR")[1].panel
    assert panel.mistakes[-1] == 0
    assert panel.set(0)["mistakes"] == 1  # w = 0 says 1 everywhere; OR has one 0
    panel = learning_figure("XOR")[1].panel
    assert panel.mistakes.min() > 0


def test_angle_figure_update_raises_cosine():
    parts = angle_figure((1.0, -0.8), (0.2, 1.0))[1]
    before, after = parts.cos_before, parts.cos_after
    assert before < 0 < after
    w, x = np.array([1.0, -0.8]), np.array([0.2, 1.0])
    assert before == pytest.approx(w @ x / np.linalg.norm(w) / np.linalg.norm(x))
    legend = [t.get_text() for t in parts.ax.get_legend().get_texts()]
    assert legend[0].startswith("$\\alpha$ before") and "117.3" in legend[0]
    assert legend[1].startswith("$\\alpha$ after") and "69.2" in legend[1]


def test_convergence_figure_shows_the_two_bounds():
    X, y, w_star = separable_data(100, n=2, gamma=0.05, seed=7)
    gamma = perceptron_margin(X, y, w_star, normalize=False)
    R = np.max(np.linalg.norm(np.hstack([np.ones((len(X), 1)), X]), axis=1))
    run = train_perceptron(X, y, max_epochs=10_000, seed=7)  # the raw run, not normalised
    fig, parts = convergence_figure(run, w_star, gamma, R)
    k = np.arange(run.updates + 1)
    assert len(fig.axes) == 3 and parts.numerator.shape == parts.length.shape == k.shape
    assert np.all(parts.numerator >= k * gamma - 1e-12)  # step 4 of the proof
    assert np.all(parts.length**2 <= k * R**2 + 1e-12)  # step 5 of the proof
    assert parts.axes[2].get_xscale() == "log"
    assert parts.axes[2].get_xlim()[1] >= R**2 / gamma**2  # drawn out to where the bounds meet
    assert parts.axes[0].get_xlim()[1] < 1.2 * run.updates  # the run is not squashed


def test_sixteen_functions_figure():
    fig, parts = sixteen_functions_figure()
    assert len(fig.axes) == 16
    assert [name for name, ok in parts.separable.items() if not ok] == ["XOR", "XNOR"]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["target 1", "target 0"]  # the same word as every other figure
    assert all(not ax.lines for ax in fig.axes)  # no line drawn: it would answer exercise 1
    assert fig.axes[6].get_title() == "XOR: no line"


def test_network_figure_labels_every_weight_and_bias():
    fig, parts = network_figure()
    texts = [t.get_text() for t in parts.ax.texts]
    assert texts.count("1") == 4 and texts.count("-1") == 2  # the six arrows' weights
    assert "OR\nbias -0.5" in texts and "NAND\nbias 1.5" in texts and "AND\nbias -1.5" in texts


def test_xor_figure_computes_xor_and_maps_to_three_hidden_points():
    fig, parts = xor_figure()
    assert list(parts.y) == [0, 1, 1, 0]
    ax_in, ax_h = parts.axes
    assert len(ax_in.lines) == 2  # the two hidden units' lines
    assert len(ax_h.texts) == 3  # (0,1) and (1,0) land on the same hidden point
    assert list(xor_figure(w_out=(-0.5, 1.0, 1.0))[1].y) == [1, 1, 1, 1]  # OR of OR, NAND


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: perceptron_figure(w=(1.0, 1.0)), ValueError, "three finite numbers"),
        (lambda: perceptron_figure(name="and"), ValueError, "function must be one of"),
        (lambda: PerceptronExplorer(function="xor"), ValueError, "'XOR'"),
        (lambda: LearningExplorer(order="shuffled"), ValueError, "order must be one of"),
    ],
)
def test_bad_arguments_are_named(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_mp_figure_titles_are_maths():
    fig, _ = mp_figure()
    assert fig.axes[0].get_title() == "OR: fires when $x_1 + x_2 \\geq 1$"


# -- explorer 1 ---------------------------------------------------------------------------------
def test_perceptron_explorer_counts_mistakes_and_moves_artists():
    e = PerceptronExplorer()
    assert e.shown == {
        "mistakes": 0,
        "fewest mistakes at this w0": 0,
        "some line gets all 4 right": "yes",
    }
    line_before = np.array(e.picture.line.get_xydata(), copy=True)
    region_before = np.array(e.picture.region.get_xy(), copy=True)
    png_before = bytes(e.render())

    out = e.update(w0=-1.5)  # x1 + x2 >= 1.5/1.1: only (1, 1) positive
    assert out["mistakes"] == 2
    assert e.picture.rings.get_offsets().shape == (2, 2)
    assert not np.allclose(e.picture.line.get_xydata(), line_before)
    assert e.picture.region.get_xy().shape != region_before.shape or not np.allclose(
        e.picture.region.get_xy(), region_before
    )
    png_after = bytes(e.render())
    assert png_before.startswith(JPEG) and png_after.startswith(JPEG) and png_before != png_after

    assert e.update(w0=-1.5, function="AND")["mistakes"] == 0
    xor = e.update(function="XOR")
    assert xor["some line gets all 4 right"] == "no" and xor["mistakes"] >= 1
    assert e.update(w0=0.5, w1=0.0, w2=0.0, function="TRUE")["mistakes"] == 0
    assert e.picture.line.get_xydata().shape[0] == 0  # no line when w1 = w2 = 0
    assert e.update(w0=-0.5, w1=0.0, w2=0.0, function="TRUE")["mistakes"] == 4
    assert not e.picture.region.get_visible()


def test_perceptron_explorer_colours_follow_the_targets():
    e = PerceptronExplorer()
    e.update(function="NAND")
    faces = e.picture.points.get_facecolors()
    assert np.allclose(faces[0], faces[1]) and np.allclose(faces[0], faces[2])
    assert not np.allclose(faces[0], faces[3])


def test_perceptron_explorer_every_slider_changes_the_image():
    e = PerceptronExplorer()
    start = bytes(e.render())
    for name in ("w0", "w1", "w2"):
        e.update(**{name: e.controls[name].value + 0.3})
        assert bytes(e.render()) != start, name
        e.update(**{name: e.controls[name].value})


# -- explorer 2 ---------------------------------------------------------------------------------
def test_learning_explorer_replays_history():
    e = LearningExplorer("AND")
    history = train_perceptron(np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), (0, 0, 0, 1)).history
    assert e.controls["k"].max == len(history) - 1 == e.play.max
    assert isinstance(e.play, widgets.Play)
    assert e.play not in e.controls.values()
    start = bytes(e.render())
    arrow_before = np.array(e.panel.arrow.get_xy(), copy=True)

    out = e.update(k=5)
    assert out["update k"] == 5
    w = history[5]
    assert out["w"] == f"({w[0]:.0f}, {w[1]:.0f}, {w[2]:.0f})"
    assert e.panel.highlight.get_offsets().shape == (1, 2)
    assert e.panel.arrow.get_visible()
    assert not np.allclose(e.panel.arrow.get_xy(), arrow_before)
    assert e.panel.marker.get_xdata()[0] == 5
    assert bytes(e.render()) != start

    last = e.update(k=len(history) - 1)
    assert last["inputs wrong"] == 0 and last["converged"] == "yes"
    with pytest.raises(ValueError, match=f"k must lie between 0 and {len(history) - 1}"):
        e.update(k=10_000)  # past the last update: refused by name, not clipped


def test_learning_explorer_function_change_resizes_slider():
    e = LearningExplorer("OR")
    updates_or = e.controls["k"].max
    out = e.update(function="XOR", k=3)
    assert out["converged"].startswith("no")
    assert e.controls["k"].max > updates_or and e.play.max == e.controls["k"].max
    assert out["inputs wrong"] > 0
    # cached: switching back does not retrain
    result_xor = e.result("XOR")
    e.update(function="OR", k=0)
    assert e.result("XOR") is result_xor
    assert e.controls["k"].max == updates_or


def test_learning_explorer_slider_changes_the_image():
    e = LearningExplorer()
    images = set()
    for k in range(4):
        e.update(k=k)
        images.add(bytes(e.render()))
    assert len(images) == 4


def test_mp_figure_or_and_and():
    fig, parts = mp_figure()
    assert parts.mistakes == [0, 0]
    assert len(fig.axes) == 2
    wrong = mp_figure((("AND", 1),))[
        1
    ].mistakes  # theta = 1 fires on (0,1) and (1,0): 2 wrong for AND
    assert wrong == [2]


def test_learning_explorer_order_and_start_change_the_run():
    e = LearningExplorer("AND")
    in_turn = e.result("AND")
    shuffled = e.result("AND", order="random, seed 1")
    started = e.result("AND", start="random, seed 2")
    assert not np.array_equal(in_turn.corrected, shuffled.corrected)
    assert np.any(started.history[0] != 0) and np.all(
        started.history[0] == np.round(started.history[0])
    )
    out = e.update(start="random, seed 2", k=0)
    w0 = started.history[0]
    assert out["w"] == f"({w0[0]:.0f}, {w0[1]:.0f}, {w0[2]:.0f})"
    assert e.controls["k"].max == started.updates


@pytest.mark.parametrize("order", ["in turn", "random, seed 1", "random, seed 3"])
@pytest.mark.parametrize("start", ["w = 0", "random, seed 1", "random, seed 2", "random, seed 3"])
def test_every_run_keeps_the_theorems_promises(order, start):
    """For every separable function: the updates stay within the bound shown, and at every k
    the readout's two inequalities of the proof hold."""
    e = LearningExplorer("AND", order=order, start=start)
    for function in TWO_INPUT_FUNCTIONS:
        result = e.result(function, order, start)
        theory = theorem(function, result.history[0])
        if theory is None:
            assert function in ("XOR", "XNOR") and not result.converged
            assert e.update(function=function)["theorem"] == "no line exists, no bound"
            continue
        assert result.converged and result.updates <= theory.bound + 1e-9
        shown = e.update(function=function, k=0)
        assert shown["theorem: updates at most"] == f"{theory.bound:.1f}"
        for k, w in enumerate(result.history):
            assert theory.w_star @ w >= theory.a + k * theory.gamma - 1e-9
            assert w @ w <= theory.b + k * theory.R**2 + 1e-9


def test_theorem_gives_r2_over_gamma2_from_zero_with_the_best_separator():
    theory = theorem("AND", None)
    np.testing.assert_allclose(theory.w_star * np.sqrt(17), [-3, 2, 2])
    assert theory.bound == pytest.approx(3 * 17)
    assert theorem("XOR", None) is None


def test_learning_arrow_stays_inside_the_square():
    """issue 24: the arrow was drawn outside the square at several steps of the AND run."""
    for function in TWO_INPUT_FUNCTIONS:
        e = LearningExplorer(function)
        for k in range(e.panel.result.updates + 1):
            e.update(k=k)
            if e.panel.arrow.get_visible():
                xy = e.panel.arrow.get_xy()
                assert xy.min() >= LIM[0] - 0.05 and xy.max() <= LIM[1] + 0.05, (function, k)


@pytest.mark.parametrize("data", [d for d in DATA if DATA[d] is not None])
def test_learning_explorer_on_random_points_keeps_the_bound(data):
    e = LearningExplorer("AND")
    corners = bytes(e.render())
    for start in STARTS:
        out = e.update(data=data, start=start, k=0)
        result, theory = e.panel.result, e.panel.theory
        assert result.converged and result.updates <= theory.bound + 1e-9
        assert out["theorem: updates at most"] == f"{theory.bound:.1f}"
        for k, w in enumerate(result.history):
            assert theory.w_star @ w >= theory.a + k * theory.gamma - 1e-9
            assert w @ w <= theory.b + k * theory.R**2 + 1e-9
    assert e.panel.picture.ax.get_xlim() == CLOUD_LIM
    assert not any(label.get_visible() for label in e.panel.picture.labels)
    assert e.panel.picture.points.get_offsets().shape == (40, 2)
    assert bytes(e.render()) != corners
    e.update(data="the four corners")  # back: the corners' box and labels
    assert e.panel.picture.ax.get_xlim() == LIM
    assert all(label.get_visible() for label in e.panel.picture.labels)


def test_thinner_margins_give_larger_bounds():
    bounds = [theorem("AND", None, data).bound for data in DATA if DATA[data] is not None]
    assert bounds == sorted(bounds)


def test_mistakes_map_counts_each_perceptrons_mistakes():
    from dlnotes.explorers.perceptron import MAP_GRID, mistakes_map
    from dlnotes.neurons import perceptron

    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    targets = np.array(TWO_INPUT_FUNCTIONS["OR"])
    errors = mistakes_map(-0.5, targets)
    assert errors.shape == (len(MAP_GRID), len(MAP_GRID))
    for row, col in [(60, 60), (10, 70), (40, 40)]:  # rows along w2, columns along w1
        w = (-0.5, MAP_GRID[col], MAP_GRID[row])
        assert errors[row, col] == np.sum(perceptron(X, w) != targets)
    for w0 in np.linspace(-2, 2, 9):  # XOR: no cell at 0, whatever w0
        assert mistakes_map(w0, TWO_INPUT_FUNCTIONS["XOR"]).min() >= 1


def test_perceptron_explorer_moves_the_map_and_its_marker():
    e = PerceptronExplorer()
    before = np.array(e.parts.map.get_array(), copy=True)
    out = e.update(w0=1.0, w1=-1.0)
    assert not np.array_equal(before, e.parts.map.get_array())
    assert list(e.parts.here.get_xdata()) == [-1.0]
    assert out["fewest mistakes at this w0"] == int(e.parts.map.get_array().min())
    assert e.update(function="XOR")["fewest mistakes at this w0"] >= 1


def test_function_menu_is_off_for_random_points():
    """The random points carry their own labels: the function menu is disabled (a browser test
    moves every enabled menu and expects the picture to change) and ignored."""
    e = LearningExplorer("AND")
    cloud = "40 points, γ ≥ 0.3"
    e.update(data=cloud)
    assert e.controls["function"].disabled
    assert e.result("FALSE", data=cloud) is e.result("AND", data=cloud)
    e.update(data="the four corners")
    assert not e.controls["function"].disabled
