import game_of_life as gol

BLINKER = """
.....
..#..
..#..
..#..
.....
"""

GLIDER = {(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)}


def test_parse_render() -> None:
    board = gol.parse(BLINKER)
    assert len(board) == 5
    assert gol.render(board) == BLINKER.strip()
    assert gol.population(board) == 3


def test_neighbours() -> None:
    board = gol.parse(BLINKER)
    assert gol.live_neighbours(board, 2, 2) == 2
    assert gol.live_neighbours(board, 2, 1) == 3
    assert gol.live_neighbours(board, 0, 0) == 0
    assert gol.live_neighbours(gol.parse("#..\n...\n..#"), 0, 0, wrap=True) == 1


def test_blinker() -> None:
    board = gol.parse(BLINKER)
    once = gol.step(board)
    assert gol.render(once) == ".....\n.....\n.###.\n.....\n....."
    assert gol.run(board, 2) == board
    assert gol.period(board) == 2


def test_block_is_still() -> None:
    block = gol.parse("....\n.##.\n.##.\n....")
    assert gol.step(block) == block
    assert gol.period(block) == 1


def test_glider_sparse() -> None:
    cells = set(GLIDER)
    for _ in range(4):
        cells = gol.step_sparse(cells)
    assert cells == {(x + 1, y + 1) for x, y in GLIDER}
    assert gol.step_sparse(set()) == set()


def test_glider_wrapping() -> None:
    board = [[(x, y) in GLIDER for x in range(6)] for y in range(6)]
    assert gol.population(gol.run(board, 24, wrap=True)) == 5
    assert gol.run(board, 24, wrap=True) == board
