//! Tests of the timeline layouts: no overlaps, every event drawn once,
//! the lanes and the splitting.

use super::*;
use crate::charts::{Event, EventDate};
use crate::diagnostics::{FileRef, Span};
use crate::outline::Spanned;

fn sp<T>(v: T) -> Spanned<T> {
    Spanned::new(v, Span::new(FileRef(0), 0..0))
}

fn data(dates: &[(i32, Option<u8>)], label: &str) -> TimelineData {
    TimelineData {
        events: dates
            .iter()
            .enumerate()
            .map(|(i, &(year, month))| Event {
                date: sp(EventDate {
                    year,
                    month,
                    day: None,
                }),
                label: sp(format!("{label} {i}")),
                category: i % 3,
            })
            .collect(),
        categories: ["docker", "kubernetes", "mesos"]
            .iter()
            .map(|c| (c.to_string(), sp(c.to_string())))
            .collect(),
        eras: Vec::new(),
        range: None,
        layout: None,
    }
}

fn assert_clean(pages: &[Drawing]) {
    pages.iter().for_each(Drawing::assert_clean);
}

const AREA: Area = Area {
    width: 740.0,
    height: 290.0,
};

#[test]
fn forty_clustered_events_never_overlap() {
    // 40 events crowded into 2014-2015, with long mixed CJK labels.
    let dates: Vec<(i32, Option<u8>)> = (0..40)
        .map(|i| (2014 + i / 20, Some((i % 12 + 1) as u8)))
        .collect();
    let pages = layout(&data(&dates, "Kubernetes 与 Docker Swarm 的竞争事件"), AREA);
    assert_clean(&pages);
    let labels: usize = pages
        .iter()
        .map(|p| {
            p.label_texts()
                .iter()
                .filter(|t| t.replace(' ', "").contains("竞争事件"))
                .count()
        })
        .sum();
    assert_eq!(labels, 40, "every event is drawn exactly once");
}

/// 18 events in 2014 and 2015, months scattered.
fn crowded() -> Vec<(i32, Option<u8>)> {
    (0..18)
        .map(|i| (2014 + i * 2 / 18, Some((i * 7 % 12 + 1) as u8)))
        .collect()
}

#[test]
fn lanes_keep_each_camp_in_its_lane_and_need_fewer_pages() {
    // 18 events crowded into two years, three camps.
    let mut lanes = data(&crowded(), "开源核心调度器");
    lanes.layout = Some(TimelineLayout::Lanes);
    let mut axis = lanes.clone();
    axis.layout = Some(TimelineLayout::Axis);
    let (in_lanes, on_axis) = (layout(&lanes, AREA), layout(&axis, AREA));
    assert_clean(&in_lanes);
    assert!(
        in_lanes.len() < on_axis.len(),
        "lanes {} pages, axis {}",
        in_lanes.len(),
        on_axis.len()
    );
    // Every event label sits inside its category's lane: between the
    // rules that separate the lanes (the first from the top, the last
    // down to the year axis).
    for page in &in_lanes {
        let bounds = lane_bounds(page);
        assert_eq!(bounds.len(), 4, "three lanes: {bounds:?}");
        for item in &page.items {
            if let crate::charts::draw::Item::Label {
                rect,
                lead: Some((_, Paint::Series(c))),
                ..
            } = item
            {
                let (top, bottom) = (bounds[*c], bounds[*c + 1]);
                assert!(
                    rect.y >= top - 0.5 && rect.y + rect.h <= bottom + 0.5,
                    "camp {c}: {rect:?} leaves its lane {top}..{bottom}"
                );
            }
        }
    }
}

/// The y of the rules between a lanes page's lanes, with the top (0) and
/// the year axis: lane `c` runs from `bounds[c]` to `bounds[c + 1]`.
fn lane_bounds(page: &Drawing) -> Vec<f64> {
    let row = LABEL_SIZE * super::super::text::LINE_HEIGHT;
    let mut bounds = vec![0.0];
    for item in &page.items {
        if let crate::charts::draw::Item::Line {
            from,
            to,
            paint: Paint::Surface,
            ..
        } = item
            && from.1 == to.1
        {
            bounds.push(from.1);
        }
    }
    bounds.push(AREA.height - row - 8.0);
    bounds
}

#[test]
fn a_busy_camp_gets_a_taller_lane_than_a_quiet_one() {
    // Camp 0 has seven events crowded into 2013-2016, camps 1 and 2 one
    // each: equal lanes would leave camp 0 a third of the height.
    let mut d = data(&[(2010, None), (2019, None)], "安静的阵营");
    d.events[0].category = 1;
    d.events[1].category = 2;
    for k in 0..7u8 {
        let date = (2013 + i32::from(k / 2), Some(k % 2 * 6 + 1));
        d.events.push(Event {
            category: 0,
            ..data(&[date], &format!("繁忙阵营的第 {k} 个事件")).events[0].clone()
        });
    }
    d.layout = Some(TimelineLayout::Lanes);
    let pages = layout(&d, AREA);
    assert_eq!(pages.len(), 1);
    assert_clean(&pages);
    let b = lane_bounds(&pages[0]);
    let heights: Vec<f64> = b.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        heights[0] > 1.5 * heights[1] && heights[0] > 1.5 * heights[2],
        "lane heights {heights:?}"
    );
    assert!(
        heights[0] > (AREA.height - 26.2) / 3.0 + 10.0,
        "{heights:?}"
    );
}

#[test]
fn without_a_layout_lanes_are_chosen_when_only_they_fit_one_slide() {
    let auto = data(&crowded(), "开源核心调度器");
    let mut axis = auto.clone();
    axis.layout = Some(TimelineLayout::Axis);
    assert!(
        layout(&axis, AREA).len() > 1,
        "the axis needs more than one slide"
    );
    let chosen = layout(&auto, AREA);
    assert_eq!(chosen.len(), 1);
    assert_clean(&chosen);
    let mut lanes = auto.clone();
    lanes.layout = Some(TimelineLayout::Lanes);
    assert_eq!(
        chosen,
        layout(&lanes, AREA),
        "the one slide is the lanes layout"
    );
}

#[test]
fn lanes_too_many_for_one_slide_continue_each_with_its_own_categories() {
    let mut d = data(&[(2014, None), (2016, None)], &"很长的标签".repeat(8));
    // Ten categories, each with one long event: they do not fit one slide.
    for c in ["d", "e", "f", "g", "h", "i", "j", "k"] {
        d.categories.push((c.into(), sp(c.into())));
        let mut e = d.events[0].clone();
        e.category = d.categories.len() - 1;
        d.events.push(e);
    }
    d.layout = Some(TimelineLayout::Lanes);
    let pages = layout(&d, AREA);
    assert!(pages.len() > 1);
    assert_clean(&pages);
    // Every event is drawn once, and every lane drawn holds an event.
    let dots = |page: &Drawing| {
        page.items
            .iter()
            .filter(|i| matches!(i, crate::charts::draw::Item::Dot { .. }))
            .count()
    };
    assert_eq!(pages.iter().map(dots).sum::<usize>(), d.events.len());
    for page in &pages {
        assert_eq!(lane_bounds(page).len() - 1, dots(page), "{page:?}");
    }
}

#[test]
fn a_category_with_no_event_in_the_years_shown_gets_no_lane() {
    let mut d = data(&crowded(), "开源核心调度器");
    d.categories.push(("empty".into(), sp("空阵营".into())));
    d.layout = Some(TimelineLayout::Lanes);
    let pages = layout(&d, AREA);
    assert_clean(&pages);
    // Three lanes (two rules between them), and the empty one's name is
    // nowhere on the page.
    for page in &pages {
        assert_eq!(lane_bounds(page).len(), 4, "{page:?}");
        assert!(!format!("{page:?}").contains("空阵营"));
    }
}

#[test]
fn sparse_timeline_fits_on_one_page() {
    let dates: Vec<(i32, Option<u8>)> = (2006..2020).step_by(2).map(|y| (y, None)).collect();
    let pages = layout(&data(&dates, "事件"), AREA);
    assert_eq!(pages.len(), 1);
    assert_clean(&pages);
}

#[test]
fn fourteen_events_over_four_decades_fit_one_slide() {
    let dates: Vec<(i32, Option<u8>)> = [
        1970, 1973, 1978, 1981, 1984, 1987, 1990, 1994, 1998, 2001, 2004, 2007, 2010, 2012,
    ]
    .iter()
    .map(|&y| (y, None))
    .collect();
    let pages = layout(&data(&dates, "A milestone in computing history"), AREA);
    assert_eq!(pages.len(), 1, "the timeline continues onto another slide");
    assert_clean(&pages);
    // Every label, tick and legend entry is at the 14 pt floor.
    for item in &pages[0].items {
        if let crate::charts::draw::Item::Label { size, .. } = item {
            assert!(*size >= super::super::text::SIZE);
        }
    }
    // Ticks thin out (43 years, a handful of labels) rather than shrink.
    let years = pages[0]
        .label_texts()
        .iter()
        .filter(|t| t.len() == 4 && t.parse::<i32>().is_ok())
        .count();
    assert!((3..=9).contains(&years), "{years} year labels");
    // In a narrow chart they shorten to '14 after the first.
    let narrow = Area {
        width: 160.0,
        height: 290.0,
    };
    let dates: Vec<(i32, Option<u8>)> = (2000..2020).step_by(6).map(|y| (y, None)).collect();
    let d = &layout(&data(&dates, "x"), narrow)[0];
    let texts = d.label_texts();
    assert!(texts.iter().any(|t| t.starts_with('\'')), "{texts:?}");
}

#[test]
fn three_events_and_years_on_the_axis() {
    let pages = layout(
        &data(&[(2009, None), (2013, Some(3)), (2014, Some(6))], "e"),
        AREA,
    );
    assert_eq!(pages.len(), 1);
    let texts = pages[0].label_texts();
    for y in ["2009", "2012", "2014", "2013-03"] {
        assert!(
            texts
                .iter()
                .any(|t| t == y || t.starts_with(&format!("{y} "))),
            "{y} missing in {texts:?}"
        );
    }
}

#[test]
fn a_zoomed_slice_names_every_year_it_shows() {
    // A section's one-year slice names its year (in the middle of the
    // span, not at its edge where it would not fit)...
    let mut one = data(
        &[(2014, Some(3)), (2014, Some(6)), (2014, Some(11))],
        "事件",
    );
    one.range = Some((2014, 2014));
    let pages = layout(&one, AREA);
    assert_clean(&pages);
    let year = pages[0].items.iter().find_map(|i| match i {
        crate::charts::draw::Item::Label { rect, lines, .. } if lines == &["2014"] => {
            Some(rect.x + rect.w / 2.0)
        }
        _ => None,
    });
    let middle = AREA.width / 2.0;
    assert!(
        year.is_some_and(|x| (x - middle).abs() < 40.0),
        "2014 at {year:?}, the year's middle at {middle}"
    );
    // Quarter ticks: three short ones inside the year, a long one at
    // each end.
    let ticks: Vec<f64> = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            crate::charts::draw::Item::Line { from, to, .. } if from.0 == to.0 => {
                Some((to.1 - from.1).abs())
            }
            _ => None,
        })
        .collect();
    let short = ticks.iter().filter(|&&h| (h - 5.0).abs() < 0.1).count();
    let long = ticks.iter().filter(|&&h| (h - 8.0).abs() < 0.1).count();
    assert_eq!((short, long), (3, 2), "ticks {ticks:?}");
    // ...and a three-year slice each of its years, even where leader
    // lines cross the middle of a year, in lanes as on the axis.
    let dates: Vec<(i32, Option<u8>)> = (0..9)
        .map(|i| (2017 + i / 3, Some((i % 3 * 4 + 2) as u8)))
        .collect();
    for layout_kind in [TimelineLayout::Axis, TimelineLayout::Lanes] {
        let mut three = data(&dates, "较长的事件标签");
        three.range = Some((2017, 2019));
        three.layout = Some(layout_kind);
        let pages = layout(&three, AREA);
        assert_eq!(pages.len(), 1);
        assert_clean(&pages);
        let texts = pages[0].label_texts();
        for year in ["2017", "2018", "2019"] {
            assert!(
                texts.iter().any(|t| t == year),
                "{layout_kind:?}: {year} missing from {texts:?}"
            );
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Any events, in any layout: every event drawn once (one dot
    /// each), no label overlapping another or leaving the chart.
    #[test]
    fn any_timeline_is_drawn_whole_and_clean(
        events in proptest::collection::vec(
            (1990i32..2021, proptest::option::of(1u8..=12), 0usize..5, 0usize..4),
            1..28,
        ),
        camps in 1usize..6,
        layout_kind in 0usize..3,
    ) {
        const LABELS: [&str; 4] = [
            "短",
            "一个中等长度的事件标签",
            "A rather long English label for an event in the history",
            "混合 mixed 标签 with 数字 2014 and more 文字内容",
        ];
        let mut d = data(&[], "");
        d.categories = (0..camps)
            .map(|c| (format!("c{c}"), sp(format!("阵营 {c}"))))
            .collect();
        d.events = events
            .iter()
            .map(|&(year, month, camp, label)| Event {
                date: sp(EventDate { year, month, day: None }),
                label: sp(LABELS[label].to_string()),
                category: camp % camps,
            })
            .collect();
        d.layout = [None, Some(TimelineLayout::Axis), Some(TimelineLayout::Lanes)][layout_kind];
        let pages = layout(&d, AREA);
        assert_clean(&pages);
        let dots: usize = pages.iter().map(Drawing::dot_count).sum();
        proptest::prop_assert_eq!(dots, events.len());
    }
}

#[test]
fn scaling_a_smaller_area_still_has_no_overlap() {
    let dates: Vec<(i32, Option<u8>)> = (0..16)
        .map(|i| (2010 + i / 4, Some((i % 4 * 3 + 1) as u8)))
        .collect();
    let small = Area {
        width: 360.0,
        height: 260.0,
    };
    let pages = layout(&data(&dates, "较长的中文标签文字"), small);
    assert_clean(&pages);
}

#[test]
fn every_year_of_a_long_span_gets_a_tick() {
    // 2013-2022 across a slide: too many years for a label each, but each
    // one still gets a tick on the axis.
    let scale = crate::charts::scale::Linear {
        d0: 2013.0,
        d1: 2023.0,
        r0: 0.0,
        r1: 740.0,
    };
    let marks = year_marks(&scale, (2013, 2022), (0.0, 740.0));
    for year in 2013..=2023 {
        let x = scale.map(f64::from(year));
        assert!(
            marks.ticks.iter().any(|&(t, _)| (t - x).abs() < 0.5),
            "no tick for {year}"
        );
    }
}
