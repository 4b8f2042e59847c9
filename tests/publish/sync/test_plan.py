"""The sync's decisions, rule by rule, without a store: reecal.publish.sync.plan."""

from __future__ import annotations

from reecal.publish.sync.plan import Entry, Plan, Remote, digest, ours, plan

OLD = b"BEGIN:VEVENT\r\nUID:a@reecal\r\nSEQUENCE:1\r\nSUMMARY:old\r\nEND:VEVENT\r\n"
NEW = b"BEGIN:VEVENT\r\nUID:a@reecal\r\nSEQUENCE:2\r\nSUMMARY:new\r\nEND:VEVENT\r\n"


def kinds(p: Plan) -> list[tuple[str, str, str | None]]:
    return [(a.kind, a.uid, a.if_match) for a in p.actions]


def test_new_uid_is_created_with_no_if_match() -> None:
    p = plan({"a@reecal": NEW}, {}, {})
    assert kinds(p) == [("create", "a@reecal", None)] and not p.conflicts


def test_untouched_since_last_sync_and_same_bytes_is_unchanged() -> None:
    p = plan({"a@reecal": OLD}, {"a@reecal": Remote("a.ics", "e1", b"rewritten")},
             {"a@reecal": Entry("e1", digest(OLD))})
    assert p.actions == () and p.unchanged == ("a@reecal",) and p.seen == {"a@reecal": "e1"}


def test_our_change_is_an_update_on_the_servers_etag() -> None:
    p = plan({"a@reecal": NEW}, {"a@reecal": Remote("a.ics", "e1", b"rewritten")},
             {"a@reecal": Entry("e1", digest(OLD))})
    assert kinds(p) == [("update", "a@reecal", "e1")]
    assert p.actions[0].href == "a.ics" and p.actions[0].data == NEW


def test_server_edit_since_last_sync_is_a_conflict_not_an_update() -> None:
    p = plan({"a@reecal": NEW}, {"a@reecal": Remote("a.ics", "e2", OLD + b"X")},
             {"a@reecal": Entry("e1", digest(OLD))})
    assert p.actions == () and [c.uid for c in p.conflicts] == ["a@reecal"]


def test_server_edit_of_a_dropped_event_is_a_conflict_not_a_delete() -> None:
    p = plan({}, {"a@reecal": Remote("a.ics", "e2", OLD)}, {"a@reecal": Entry("e1", "x")})
    assert p.actions == () and "not deleted" in p.conflicts[0].reason


def test_dropped_event_is_deleted_on_its_etag() -> None:
    p = plan({}, {"a@reecal": Remote("a.ics", "e1", OLD)}, {"a@reecal": Entry("e1", "x")})
    assert kinds(p) == [("delete", "a@reecal", "e1")]


def test_no_state_same_content_modulo_folding_is_unchanged() -> None:
    folded = OLD.replace(b"SUMMARY:old", b"SUMMARY:o\r\n ld").replace(b"\r\n", b"\n")
    p = plan({"a@reecal": OLD}, {"a@reecal": Remote("a.ics", "e9", folded)}, {})
    assert p.actions == () and p.seen == {"a@reecal": "e9"}


def test_no_state_an_older_copy_is_updated_anything_else_that_differs_is_a_conflict() -> None:
    assert kinds(plan({"a@reecal": NEW}, {"a@reecal": Remote("a.ics", "e", OLD)}, {})) == [
        ("update", "a@reecal", "e")]  # SEQUENCE 1 < 2: an older copy of reecal's
    p = plan({"a@reecal": OLD}, {"a@reecal": Remote("a.ics", "e", NEW)}, {})
    assert p.actions == () and p.conflicts[0].reason == "differs, and no sync state; not updated"
    edited = NEW.replace(b"SUMMARY:new", b"SUMMARY:my note")  # the same SEQUENCE
    p = plan({"a@reecal": NEW}, {"a@reecal": Remote("a.ics", "e", edited)}, {})
    assert p.actions == () and [c.uid for c in p.conflicts] == ["a@reecal"]


def test_no_state_properties_in_another_order_are_the_same_event() -> None:
    reordered = (b"BEGIN:VEVENT\r\nSUMMARY:new\r\nSEQUENCE:2\r\nUID:a@reecal\r\n"
                 b"END:VEVENT\r\n")  # as Radicale stores what it is given
    p = plan({"a@reecal": NEW}, {"a@reecal": Remote("a.ics", "e", reordered)}, {})
    assert p.actions == p.conflicts == () and p.unchanged == ("a@reecal",)
    other = reordered.replace(b"SUMMARY:new", b"SUMMARY;LANGUAGE=en:new")  # a parameter
    assert plan({"a@reecal": NEW}, {"a@reecal": Remote("a.ics", "e", other)}, {}).conflicts


def test_no_state_a_dropped_event_is_deleted_only_if_it_is_reecals_copy() -> None:
    have = {"a@reecal": Remote("a.ics", "e", NEW)}
    assert kinds(plan({}, have, {}, known={"a@reecal": NEW})) == [("delete", "a@reecal", "e")]
    older = {"a@reecal": Remote("a.ics", "e", OLD)}
    assert kinds(plan({}, older, {}, known={"a@reecal": NEW})) == [("delete", "a@reecal", "e")]
    edited = {"a@reecal": Remote("a.ics", "e", NEW.replace(b"new", b"mine"))}
    for known in ({"a@reecal": NEW}, {}, None):  # edited, or no longer reecal's to say
        p = plan({}, edited if known else have, {}, known=known)
        assert p.actions == () and p.conflicts[0].reason.endswith("; not deleted")


def test_the_state_is_keyed_on_the_collection_alone() -> None:
    from reecal.publish.sync.dav import CalDAVStore

    key = CalDAVStore("http://127.0.0.1:5232/me/cal/", username="me").key
    assert key == CalDAVStore("HTTP://127.0.0.1:5232/me/cal").key == "caldav:http://127.0.0.1:5232/me/cal/"
    assert CalDAVStore("https://Dav.Example.org:443/c/").key == (
        CalDAVStore("https://dav.example.org/c", username="other").key)
    assert CalDAVStore("http://dav.example.org:8080/c/").key.endswith(":8080/c/")


def test_only_resources_with_one_reecal_uid_are_ours() -> None:
    assert ours(OLD) == "a@reecal"
    assert ours(OLD.replace(b"@reecal", b"@example.org")) is None
    assert ours(OLD + OLD.replace(b"a@reecal", b"b@reecal")) is None  # two events
    assert ours(b"UID:x@reecal.example.org\r\n") is None
    assert ours(b"UID:a\r\n @reecal\r\n") == "a@reecal"  # folded
