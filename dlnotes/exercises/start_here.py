"""Checker for notebook 00 (start here): the warm-up exercise that shows how exercises work.

check_crossing(x_half)             where σ(w·x + b) crosses ½ for (w, b) = (4, 6)

It prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub. The
right answer is computed here from the formula x = −b/w, never stored as a number.
"""

from __future__ import annotations

from dlnotes.exercises.core import number, report, verdict

#: The neuron whose crossing point is asked for.
W, B = 4.0, 6.0


def check_crossing(x_half) -> None:
    """Check the x where σ(w·x + b) = ½ for (w, b) = (W, B): there w·x + b = 0, so
    x = −b/w. Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        value = number(x_half, "x_half")
        mistakes = [
            (B / W, "a sign slipped: at the crossing w·x + b = 0, so w·x = −b"),
            (-W / B, "w and b are swapped: solve w·x + b = 0 for x, which divides by w"),
            (-B, "you solved x + b = 0: the weight multiplies x, so divide by w"),
            (0.5, "½ is the height where the curve crosses; the question asks for the x there"),
            (0.0, "σ(0) = ½, so the crossing is where w·x + b = 0, not where x = 0"),
        ]
        return verdict(
            value, -B / W, mistakes,
            otherwise="not yet: σ(z) = ½ exactly where z = 0; set z = w·x + b to 0, solve for x",
        )  # fmt: skip

    report(check)
