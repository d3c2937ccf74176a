"""Notebook 05's explorer: pick a weight, see every path from it to the loss, and check that the
paths' products add up to backpropagation's number.

The chain rule says ∂ℒ/∂W_{i,jq} is a sum over the paths from a_{i,j} up to the outputs, each
path the product of its local slopes: the weight's input h_{i−1,q}, then, per layer above, g′ at
the neuron left and the weight of the edge taken, and last ∂ℒ/∂a_{L,j_L}. ``path_products``
lists them from the network's own numbers (``forward(keep=True)``, ``g_prime``, ``grad_a_L``);
the explorer draws the paths in red on ``network_figure`` and shows their sum beside
``net.backward``'s entry.
"""

from __future__ import annotations

import html
import itertools

import ipywidgets as widgets
import numpy as np

from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.explorers.feedforward_backprop import network_figure
from dlnotes.ffn import FeedForwardNetwork
from dlnotes.plots import RED


def weight_name(i: int, j: int, q: int) -> str:
    """W_{i,jq} as text, i the layer (1-based), j and q 0-based: 'W_1,21' for (1, 1, 0)."""
    return f"W_{i},{j + 1}{q + 1}"


def path_products(net: FeedForwardNetwork, x, label: int, i: int, j: int, q: int):
    """Every path from the weight W_{i,jq} (layer i ≥ 1; j, q 0-based) to the loss of one
    example (x: shape (n_0,), label 0 … k−1), as a list of (neurons, product): neurons the
    indices j_i = j, j_{i+1}, …, j_L the path visits, product

        h_{i−1,q} · Π_{l=i}^{L−1} g′(a_{l,j_l}) W_{l+1, j_{l+1} j_l} · ∂ℒ/∂a_{L,j_L}.

    Their sum is ∂ℒ/∂W_{i,jq} (the chain rule of several variables)."""
    H, a_L = net.forward(np.asarray(x, dtype=float)[None, :], keep=True)
    H = [h[0] for h in H]  # H[l] = h_l of the example, l = 0 … L−1
    grad_a_L = net.grad_a_L(a_L, [label])[0]
    L = len(net.W)
    paths = []
    for above in itertools.product(*(range(net.sizes[layer]) for layer in range(i + 1, L + 1))):
        neurons = (j, *above)  # neurons[layer - i] is j_layer
        product = H[i - 1][q]
        for layer in range(i, L):  # from a_{layer, j_layer} up to a_{layer+1, j_next}
            j_here, j_next = neurons[layer - i], neurons[layer - i + 1]
            product *= net.g_prime(H[layer][j_here]) * net.W[layer][j_next, j_here]
        paths.append((neurons, float(product * grad_a_L[neurons[-1]])))
    return paths


#: The explorer's network and example: notebook 05's section 4 (3-3-3-2, sigmoid, softmax).
SIZES = (3, 3, 3, 2)
SEED = 1
X_EXAMPLE = (0.5, -1.0, 2.0)
LABEL = 1


def _weights(sizes) -> list[tuple[str, tuple[int, int, int]]]:
    """Every weight of the network as (name, (i, j, q)), layer 1 first."""
    return [
        (weight_name(i, j, q), (i, j, q))
        for i in range(1, len(sizes))
        for j in range(sizes[i])
        for q in range(sizes[i - 1])
    ]


def paths_figure(sizes=SIZES):
    """``network_figure`` with one red segment ready on every edge (hidden until a path uses
    it), for the explorer to light up. Returns (fig, parts): parts.ax, parts.centres,
    parts.edges {(i, q, j): line} (i = L + 1 for the edges from the outputs to the loss)."""
    fig, base = network_figure(sizes, width=9.0)
    fig.set_size_inches(9.0, 3.5)  # 280 CSS px: with its readout the explorer fits a laptop
    ax, centres = base.ax, base.centres
    L, radius = len(sizes) - 1, 0.48
    loss_x = centres[L][0][0] + 1.9
    edges = {}
    for i in range(1, L + 2):
        for q, (x0, y0) in enumerate(centres[i - 1]):
            targets = centres[i] if i <= L else [(loss_x, 0.0)]
            for j, (x1, y1) in enumerate(targets):
                end = x1 - (radius if i <= L else 0.35)
                (line,) = ax.plot([x0 + radius, end], [y0, y1], color=RED, lw=2.6, zorder=3)
                line.set_visible(False)
                edges[(i, q, j)] = line
    return fig, figure_parts(ax=ax, centres=centres, edges=edges)


class BackpropPathsExplorer(Explorer):
    """Choose a weight W_{i,jq} of notebook 05's 3-3-3-2 network: its paths to the loss light
    up in red, and the readout lists each path's product, their sum and net.backward's entry
    for that weight (they agree), then the reuse: the paths through each node a_{l,p} add up
    to ∂ℒ/∂a_{l,p} times one local factor. A weight of layer 1 has 3 × 2 = 6 paths, of layer 2
    two, of layer 3 one."""

    def __init__(self, weight: str = "W_1,21"):
        self.net = FeedForwardNetwork(list(SIZES), activation="sigmoid", output="softmax",
                                      seed=SEED)  # fmt: skip
        self.x = np.array(X_EXAMPLE)
        dW, db = self.net.backward(self.x[None, :], [LABEL])
        self.backward_dW = dW
        self.grad_a = db  # on one example ∇b_i = ∇a_i: grad_a[i - 1][j] = ∂ℒ/∂a_{i,j}
        self.H, _ = self.net.forward(self.x[None, :], keep=True)  # H[l][0] = h_l
        self.weights = dict(_weights(SIZES))
        if weight not in self.weights:
            shown = ", ".join(repr(name) for name in self.weights)
            raise ValueError(f"weight must be one of {shown}; got {weight!r}")
        fig, self.parts = paths_figure(SIZES)
        controls = {
            "weight": widgets.Dropdown(options=list(self.weights), value=weight,
                                       description="weight"),
        }  # fmt: skip
        self.parts.ax.set_title(" ", fontsize=10)
        moving = [*self.parts.edges.values(), self.parts.ax.title]
        super().__init__(controls, fig, moving=moving)

    def _update(self, weight: str) -> dict:
        i, j, q = self.weights[weight]
        paths = path_products(self.net, self.x, LABEL, i, j, q)
        L = len(SIZES) - 1
        lit = set()
        for neurons, _ in paths:
            lit.add((i, q, neurons[0]))
            for layer in range(i, L):
                lit.add((layer + 1, neurons[layer - i], neurons[layer - i + 1]))
            lit.add((L + 1, neurons[-1], 0))
        for key, line in self.parts.edges.items():
            line.set_visible(key in lit)
        self.parts.ax.set_title(
            f"$W_{{{i},{j + 1}{q + 1}}}$: {len(paths)} path(s) to the loss", fontsize=10
        )
        source = f"x_{q + 1}" if i == 1 else f"h_{i - 1},{q + 1}"
        shown = {}
        for neurons, product in paths:
            route = " → ".join(f"a_{i + n},{k + 1}" for n, k in enumerate(neurons))
            shown[f"{source} → {route}"] = product
        shown["sum of the paths"] = float(sum(p for _, p in paths))
        shown["net.backward"] = float(self.backward_dW[i - 1][j, q])
        shown.update(self._reuse(paths, i, j, q, source))
        return shown

    def _reuse(self, paths, i: int, j: int, q: int, source: str) -> dict:
        """Backprop's reuse in numbers: the paths through a node a_{l,p} add up to that node's
        ∂ℒ/∂a_{l,p}, computed once, times the local factor from the weight up to it."""
        h_source = float(self.H[i - 1][0, q])
        a_name = f"a_{i},{j + 1}"
        lines = {
            "reuse (each ∂ℒ/∂a is computed once and shared by every path through it):": None,
            f"all paths = ∂ℒ/∂{a_name} ({self.grad_a[i - 1][j]:+.4e}) × {source}": float(
                self.grad_a[i - 1][j] * h_source
            ),
        }
        if i < len(SIZES) - 1:
            g_prime = float(self.net.g_prime(self.H[i][0, j]))
            for p in range(SIZES[i + 1]):
                through = sum(product for neurons, product in paths if neurons[1] == p)
                local = h_source * g_prime * float(self.net.W[i][p, j])
                node = f"a_{i + 1},{p + 1}"
                lines[f"paths through {node}, summed"] = float(through)
                lines[
                    f"  = ∂ℒ/∂{node} ({self.grad_a[i][p]:+.4e})"
                    f" × {source} g′({a_name}) W_{i + 1},{p + 1}{j + 1}"
                ] = float(self.grad_a[i][p] * local)
        return lines

    def show(self, shown: dict) -> None:
        """The readout: one line per path, the sum beside backward's number, then one line per
        node of the reuse (the paths through it, summed, = its ∂ℒ/∂a times the local factor)."""
        lines, label = [], ""
        for name, value in shown.items():
            if value is None:  # the reuse heading becomes a short label on the next line
                label = "reuse: "
                continue
            name = name.replace("paths through ", "via ").replace(", summed", "")
            text = f"{html.escape(name.strip())}: <b>{value:+.4e}</b>"
            if name.startswith("  = ") or name == "net.backward":
                lines[-1] += " &nbsp; " + text  # the number that must equal the line's first
            else:
                lines.append(label + text)
                label = ""
        self.readout.value = '<span style="font-family:monospace">' + "<br>".join(lines) + "</span>"
