"""Puts a benchmark's table into docs/performance.md between its markers
(<!-- NAME:begin --> and <!-- NAME:end -->), or at the end when they are not there yet."""


def write_block(path, name, table):
    begin, end_mark = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    with open(path) as f:
        text = f.read()
    block = f"{begin}\n{table}{end_mark}"
    if begin in text:
        start, end = text.index(begin), text.index(end_mark) + len(end_mark)
        text = text[:start] + block + text[end:]
    else:
        text += f"\n{block}\n"
    with open(path, "w") as f:
        f.write(text)
