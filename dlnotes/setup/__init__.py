"""Setting the course up, out of the maths modules' way: `doctor` checks that this machine can
run the notebooks (`python -m dlnotes doctor`, or `from dlnotes import doctor; doctor.main()`
in a cell, as notebook 00 does)."""
