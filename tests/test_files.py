"""atomic_open: a file appears whole or not at all, and a failed write leaves nothing."""
import pytest

from diplograph.graph.files import atomic_open


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "graph.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk on fire"):
        with atomic_open(target) as fh:
            fh.write("half of the new")
            raise RuntimeError("disk on fire")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


@pytest.mark.parametrize("binary, data", [(False, "naïve 顧立雄\n"), (True, b"\x00\xffpng")])
def test_the_new_content_replaces_the_old_whole(tmp_path, binary, data):
    target = tmp_path / "out.bin"
    target.write_bytes(b"previous")
    with atomic_open(target, binary=binary, durable=True) as fh:
        fh.write(data)
    expected = data if binary else data.encode("utf-8")
    assert target.read_bytes() == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_new_files_get_the_umask_mode_and_old_files_keep_theirs(tmp_path):
    import os
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "page.html"
        with atomic_open(fresh) as fh:
            fh.write("x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        fresh.chmod(0o640)
        with atomic_open(fresh) as fh:
            fh.write("y")
        assert fresh.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)
