import morse_code as mc
import pytest


def test_encode() -> None:
    assert mc.encode("SOS") == "... --- ..."
    assert mc.encode("Hello world") == ".... . .-.. .-.. --- / .-- --- .-. .-.. -.."
    assert mc.encode("") == ""


def test_encode_error() -> None:
    with pytest.raises(ValueError, match="cannot encode character '@'"):
        mc.encode("a@b")


def test_decode() -> None:
    assert mc.decode(".... . .-.. .-.. --- / .-- --- .-. .-.. -..") == "HELLO WORLD"
    assert mc.decode(mc.encode("The 3 quick foxes.")) == "THE 3 QUICK FOXES."
    with pytest.raises(ValueError, match="unknown morse symbol ......."):
        mc.decode(".......")


def test_signal_length() -> None:
    assert mc.signal_length(".") == 1
    assert mc.signal_length("... ---") == 5 + 3 + 11
    assert mc.signal_length(". / .") == 9


def test_is_valid_morse() -> None:
    assert mc.is_valid_morse("... --- ...")
    assert not mc.is_valid_morse("........")
