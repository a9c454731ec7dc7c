import grid_search as gs
import pytest

MAZE = """
S.#.....
.##.###.
....#...
.##...#E
"""


def test_parse_and_find() -> None:
    grid = gs.parse_grid(MAZE)
    assert len(grid) == 4
    assert gs.find(grid, "E") == (3, 7)
    with pytest.raises(LookupError, match="'X' not found in grid"):
        gs.find(grid, "X")


def test_count_islands() -> None:
    grid = gs.parse_grid("##..#\n#...#\n..#..\n.....\n#.###")
    assert gs.count_islands(grid) == 5
    assert gs.count_islands([]) == 0


def test_maze_distance() -> None:
    assert gs.maze_distance(gs.parse_grid(MAZE)) == 12
    assert gs.maze_distance(gs.parse_grid("S#E")) is None
    assert gs.maze_distance(gs.parse_grid("SE")) == 1


def test_flood_fill() -> None:
    grid = gs.parse_grid("..#\n.##\n#..")
    assert gs.flood_fill(grid, 0, 0, "o") == 3
    assert gs.render(grid) == "oo#\no##\n#.."
    assert gs.flood_fill(grid, 0, 0, "o") == 0


def test_rotting_oranges() -> None:
    assert gs.rotting_oranges([[2, 1, 1], [1, 1, 0], [0, 1, 1]]) == 4
    assert gs.rotting_oranges([[2, 1, 1], [0, 1, 1], [1, 0, 1]]) == -1
    assert gs.rotting_oranges([[0, 2]]) == 0
