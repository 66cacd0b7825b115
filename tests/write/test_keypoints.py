"""Multi-document key points: support across outlets, no repeats, no clutter, credited."""

from summarizer.write.keypoints import is_clutter, select_key_points

A = [
    "The Rotterdam storm barrier closed for the first time on Monday night.",
    "Harbour master Ingrid de Vries said the gates sealed the harbour in 40 minutes.",
    "Click on the image above to see the gates in action.",
    "The barrier cost 450 million euros and took six years to build.",
    "Photo: Getty Images / Harbour authority handout picture of the gates.",
]
B = [
    "Rotterdam's storm barrier shut for the first time on Monday night as a storm hit.",
    "Water levels reached their highest point in eleven years, port officials said.",
    "The barrier closed for the first time on Monday night in Rotterdam.",
    "Would the city have flooded without it?",
    "Engineers will inspect the gates this week before the next high tide.",
]


def test_points_are_verbatim_credited_and_not_clutter():
    points = select_key_points([("a", A), ("b", B)], count=5)
    assert 3 <= len(points) <= 5
    for point in points:
        source = A if point.article_id == "a" else B
        assert point.text in source
        assert not is_clutter(point.text) and not point.text.endswith("?")
    assert {p.article_id for p in points} == {"a", "b"}


def test_no_two_points_say_the_same_thing():
    texts = [p.text for p in select_key_points([("a", A), ("b", B)], count=5)]
    barrier_firsts = [t for t in texts if "first time on Monday night" in t]
    assert len(barrier_firsts) == 1


def test_a_fact_several_outlets_report_comes_first():
    points = select_key_points([("a", A), ("b", B)], count=1)
    assert "first time on Monday night" in points[0].text


def test_reading_order_follows_position_in_the_articles():
    points = select_key_points([("a", A), ("b", B)], count=4)
    positions = [(A if p.article_id == "a" else B).index(p.text) for p in points]
    assert positions == sorted(positions) or positions[0] == 0


def test_clutter_detection():
    assert is_clutter("Click image above to watch the video of the storm.")
    assert is_clutter("Follow us on Twitter for more updates on this story.")
    assert is_clutter("Storm barrier closes in Rotterdam")  # a headline, not a sentence
    assert is_clutter("Read more about the barrier in our special report today.")
    assert not is_clutter("The barrier closed for the first time on Monday night.")


def test_empty_inputs():
    assert select_key_points([], count=5) == []
    assert select_key_points([("a", ["Too short."])], count=5) == []
