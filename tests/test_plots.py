"""dlnotes/plots.py: figure helpers shared by the notebooks and explorers."""

import pytest

from dlnotes.plots import ROUND_ENDS, axis_end


def test_axis_end_is_kept_while_the_run_fits_and_fills_half_of_it():
    assert axis_end(1000, 1000) == 1000
    assert axis_end(1000, 510) == 1000
    assert axis_end(1500, 1030) == 1500


@pytest.mark.parametrize("needed", [1, 7, 10, 99, 1010, 2999, 3000, 123456])
def test_axis_end_when_outgrown_is_a_round_number_a_fifth_beyond(needed):
    end = axis_end(0.5, needed) if needed > 0.5 else axis_end(1e9, needed)
    assert end >= 1.2 * needed * (1 - 1e-12) or end == 1.0
    mantissa = end / 10 ** int(f"{end:e}".split("e")[1])
    assert any(abs(mantissa - r) < 1e-9 for r in ROUND_ENDS)
    assert axis_end(end, needed) == end  # and kept there: the run fills more than half of it


def test_a_drag_of_the_epochs_slider_moves_the_axis_every_few_steps():
    end, moves = 1000.0, 0
    for epochs in range(1000, 3010, 10):  # 200 presses of the arrow key
        new = axis_end(end, epochs)
        moves += new != end
        end = new
    assert moves <= 4
    assert end >= 3000
