"""Explaining a deadlock: who is stuck, on what, held by whom, and the cycle if there is one.

Called when the loop finds nothing ready and no timer pending while tasks are unfinished. The
wait-for graph has an edge from a task to every task that could release what it waits on
(the holder of a lock, the holders of a semaphore, the task or gathered tasks it awaits).
"""

from . import recorder, sync_watch


def _object_for(ident):
    return sync_watch.object_by_id(ident)


def _label(wait):
    name = wait.get("name")
    kind = wait["kind"].split()[0]
    return f"{kind} '{name}'" if name else f"{kind} #{wait.get('obj')}"


def _explain(wait, names):
    """(sentence, tasks that could free it) for one stuck task's wait."""
    kind = wait.get("kind")
    obj = _object_for(wait["obj"]) if "obj" in wait else None
    if kind in ("lock", "semaphore"):
        holders = sync_watch.holders(obj) if obj is not None else []
        verb = "acquire" if kind == "lock" else "acquire a slot of"
        held = ", ".join(names.get(h, f"Task #{h}") for h in holders) or "nobody that can run"
        return f"waits to {verb} {_label(wait)}, held by {held}", holders
    if kind == "task":
        return f"waits for task {wait.get('name')}", [wait["task"]]
    if kind == "gather":
        tasks = wait.get("tasks", [])
        return "waits for gather of " + ", ".join(names.get(t, f"#{t}") for t in tasks), tasks
    if kind == "taskgroup":
        tasks = wait.get("tasks", [])
        return ("waits at the end of a TaskGroup for " +
                ", ".join(names.get(t, f"#{t}") for t in tasks)), tasks
    if kind == "shield":
        return f"waits for the shielded task {wait.get('name')}", [wait["task"]]
    if kind == "queue join" and obj is not None:
        unfinished = obj._unfinished_tasks
        return (f"waits in join() on {_label(wait)}: {unfinished} item(s) were put but never "
                f"marked task_done()"), []
    if kind == "queue get":
        return f"waits to get from {_label(wait)}, which is empty and nobody will put", []
    if kind == "queue put":
        return f"waits to put into {_label(wait)}, which is full and nobody will get", []
    if kind in ("event", "condition"):
        return f"waits on {_label(wait)}, which nobody will set or notify", []
    if kind == "future":
        return "waits for a Future that nothing will ever resolve", []
    return f"waits ({kind})", []


def _find_cycle(edges):
    """The first cycle in the task graph, as a list of task ids (start repeated at the end)."""
    state = {}

    def visit(node, path):
        state[node] = "open"
        path.append(node)
        for nxt in edges.get(node, ()):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, path)
                if found:
                    return found
        state[node] = "closed"
        path.pop()
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node, [])
            if found:
                return found
    return []


def build_report(live, last_wait):
    names = {ident: recorder.name_of(task) for ident, task in live}
    lines, stuck, edges, via = [], [], {}, {}
    for ident, task in live:
        wait = last_wait.get(ident, {"kind": "unknown"})
        sentence, frees = _explain(wait, names)
        edges[ident] = [f for f in frees if f in names]
        for f in edges[ident]:
            via[(ident, f)] = _label(wait) if "obj" in wait else None
        coro = recorder.coroutine_of(task)
        where = f"line {wait.get('line')}" if wait.get("line") else "no program line"
        lines.append(f"  {names[ident]} ({getattr(coro, '__name__', '?')}) at {where}: "
                     f"{sentence}")
        stuck.append({"task": ident, "name": names[ident], "line": wait.get("line", 0),
                      "wait": {k: v for k, v in wait.items() if k not in ("line", "chain")},
                      "blocked_by": edges[ident], "explanation": sentence})
    cycle = _find_cycle(edges)
    header = (f"deadlock: the event loop has nothing ready and no timer to wait for, "
              f"but {len(live)} task(s) can never finish")
    text = [header] + lines
    if cycle:
        hops = []
        for a, b in zip(cycle, cycle[1:]):
            hops.append(names[a])
            if via.get((a, b)):
                hops.append(via[(a, b)])
        hops.append(names[cycle[-1]])
        text.append("  cycle: " + " -> ".join(hops))
    return {"text": "\n".join(text), "tasks": stuck, "cycle": cycle}
