"""dlnotes: the helper package behind the deep learning basics course.

One module per idea, pure numpy maths first:

- ``neurons``: step, sigmoid, McCulloch-Pitts neuron, perceptron
- ``doctor``: checks that the course can run here (``python -m dlnotes doctor``)
- ``plots``: figure builders shared by notebooks and explorers
- ``explorers``: the interactive widgets, one module per notebook
"""

__version__ = "0.1.0"
