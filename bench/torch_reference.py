"""PyTorch CPU reference for `npm run bench:speed`.

Builds the same architecture as a tfjs layers model.json (channels-first in torch; the
arithmetic is identical), then times a training step (Adam) and an inference pass per
batch. Prints one JSON object. Weights are random: only speed is compared here.

usage: python3 bench/torch_reference.py MODEL_JSON --batch 64 --reps 7 --warmup 2 --task classification|image-to-image
"""
import argparse
import warnings
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def layers_of(topology):
    cfg = topology.get("model_config", topology)
    conf = cfg["config"]
    layers = conf if isinstance(conf, list) else conf["layers"]
    sequential = cfg.get("class_name") == "Sequential"
    for i, layer in enumerate(layers):
        inbound = layer.get("inbound_nodes") or []
        names = []
        if inbound:
            node = inbound[0]
            if isinstance(node, dict):  # Keras 3 form
                args = node.get("args", [])
                flat = args[0] if args and isinstance(args[0], list) else args
                for a in flat:
                    names.append(a["config"]["keras_history"][0])
            else:
                names = [entry[0] for entry in node]
        elif sequential and i > 0:
            names = [layers[i - 1]["config"]["name"]]
        yield layer["class_name"], layer["config"], names


def act(name):
    return {
        None: None, "linear": None, "relu": F.relu, "relu6": F.relu6, "sigmoid": torch.sigmoid,
        "tanh": torch.tanh, "softmax": lambda x: F.softmax(x, dim=1), "elu": F.elu,
    }[name]


class Graph(nn.Module):
    """Runs layers in file order (tfjs files list them topologically)."""

    def __init__(self, topology, input_shape):
        super().__init__()
        self.spec = []
        self.mods = nn.ModuleDict()
        shapes = {}
        prev = None
        for cls, cfg, inbound in layers_of(topology):
            name = cfg["name"]
            ins = inbound or ([prev] if prev else [])
            c_in = shapes[ins[0]][0] if ins else input_shape[2]
            mod, c_out = self.make(cls, cfg, c_in, [shapes[i][0] for i in ins] if ins else [c_in])
            if mod is not None:
                self.mods[name.replace(".", "_")] = mod
            shapes[name] = (c_out,)
            self.spec.append((cls, cfg, name, ins))
            prev = name
        self.output = prev

    def make(self, cls, cfg, c_in, in_channels):
        pad = lambda: "same" if cfg.get("padding") == "same" else 0
        if cls == "Conv2D":
            k, s = cfg["kernel_size"], cfg["strides"]
            p = pad() if s[0] == 1 else (k[0] // 2 if cfg.get("padding") == "same" else 0)
            return nn.Conv2d(c_in, cfg["filters"], k, s, p, bias=cfg.get("use_bias", True)), cfg["filters"]
        if cls == "DepthwiseConv2D":
            k, s = cfg["kernel_size"], cfg["strides"]
            p = k[0] // 2 if cfg.get("padding") == "same" else 0
            return nn.Conv2d(c_in, c_in, k, s, p, groups=c_in, bias=cfg.get("use_bias", True)), c_in
        if cls == "Conv2DTranspose":
            k, s = cfg["kernel_size"], cfg["strides"]
            p = (k[0] - s[0] + 1) // 2 if cfg.get("padding") == "same" else 0
            op = s[0] - 1 if cfg.get("padding") == "same" else 0
            return nn.ConvTranspose2d(c_in, cfg["filters"], k, s, p, output_padding=op), cfg["filters"]
        if cls == "BatchNormalization":
            return nn.BatchNorm2d(c_in), c_in
        if cls == "Dense":
            return nn.LazyLinear(cfg["units"]), cfg["units"]
        if cls == "Concatenate":
            return None, sum(in_channels)
        return None, c_in

    def forward(self, x):
        values = {}
        last = x
        for cls, cfg, name, ins in self.spec:
            xs = [values[i] for i in ins] if ins else [last]
            h = xs[0]
            mod = self.mods[name.replace(".", "_")] if name.replace(".", "_") in self.mods else None
            if cls == "InputLayer":
                out = x
            elif cls in ("Conv2D", "DepthwiseConv2D", "Conv2DTranspose", "Dense"):
                out = mod(h)
                f = act(cfg.get("activation"))
                out = f(out) if f else out
            elif cls == "BatchNormalization":
                out = mod(h)
            elif cls == "Activation":
                f = act(cfg["activation"])
                out = f(h) if f else h
            elif cls == "ReLU":
                out = F.relu6(h) if cfg.get("max_value") == 6 else F.relu(h)
            elif cls == "MaxPooling2D":
                out = F.max_pool2d(h, cfg["pool_size"], cfg.get("strides") or cfg["pool_size"])
            elif cls == "AveragePooling2D":
                out = F.avg_pool2d(h, cfg["pool_size"], cfg.get("strides") or cfg["pool_size"])
            elif cls == "GlobalAveragePooling2D":
                out = h.mean(dim=(2, 3))
            elif cls == "Flatten":
                out = torch.flatten(h, 1)
            elif cls == "Dropout":
                out = F.dropout(h, cfg.get("rate", 0.0), self.training)
            elif cls == "Add":
                out = xs[0]
                for other in xs[1:]:
                    out = out + other
            elif cls == "Concatenate":
                out = torch.cat(xs, dim=1)
            elif cls == "UpSampling2D":
                out = F.interpolate(h, scale_factor=tuple(cfg.get("size", [2, 2])), mode="nearest")
            elif cls == "ZeroPadding2D":
                p = cfg["padding"]
                out = F.pad(h, (p[1][0], p[1][1], p[0][0], p[0][1]))
            else:
                raise SystemExit(f"torch_reference: layer class {cls} is not mapped")
            values[name] = out
            last = out
        return values[self.output]


def median_ms(fn, reps, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return {"medianMs": statistics.median(times), "minMs": min(times), "maxMs": max(times), "reps": reps}


def main():
    warnings.filterwarnings("ignore", message="Lazy modules")
    ap = argparse.ArgumentParser()
    ap.add_argument("model_json")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--task", default="classification")
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    with open(a.model_json) as f:
        topology = json.load(f)["modelTopology"]
    torch.manual_seed(0)
    model = Graph(topology, [28, 28, 1])
    x = torch.rand(a.batch, 1, 28, 28)
    with torch.no_grad():
        out = model(x)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    if a.task == "classification":
        y = torch.randint(0, out.shape[1], (a.batch,))
        loss_fn = lambda o: F.nll_loss(torch.log(o.clamp_min(1e-7)), y)
    else:
        target = torch.rand(out.shape)
        loss_fn = lambda o: F.mse_loss(o, target)

    def train_step():
        # Batch-statistics BN, as the lab's compress and train:demos train by default.
        model.train()
        opt.zero_grad()
        loss = loss_fn(model(x))
        loss.backward()
        opt.step()

    def infer():
        model.eval()
        with torch.no_grad():
            model(x)

    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "batch": a.batch,
        "train": median_ms(train_step, a.reps, a.warmup),
        "infer": median_ms(infer, a.reps, a.warmup),
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
