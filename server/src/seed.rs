//! Demo data written for this project (a fictional outlet, The Harbour Ledger, in the
//! fictional region of Westmere) and the synthetic data set for tests and benchmarks.
//!
//! Demo articles live in `seed/articles.json`; their lead and body images point at
//! `/media/*.svg`, placeholder pictures this server draws itself, so the demo looks
//! complete offline. Recommendation lists mix the other demo articles with older
//! "archive" cards so that lists are longer than one page.

use crate::store::{Article, Card, CardSource, Image, ImportBatch, ListImport, ListKind, Rating};

/// The demo outlet's name.
pub const OUTLET: &str = "The Harbour Ledger";
const OUTLET_URL: &str = "https://harbourledger.example";

/// Older stories that only exist as cards: (title, published_at, has a picture).
const ARCHIVE: [(&str, &str, bool); 30] = [
    (
        "Lakeport fish market reopens under a new glass roof",
        "2026-11-15T08:00:00Z",
        true,
    ),
    (
        "Greyhaven lighthouse keeper's cottage becomes a museum",
        "2026-11-14T10:30:00Z",
        true,
    ),
    (
        "Millbrook mill wheel turns again after restoration",
        "2026-11-13T09:15:00Z",
        false,
    ),
    (
        "Kestrel Bay lifeboat crew rescues kayakers in autumn gale",
        "2026-11-12T17:40:00Z",
        true,
    ),
    (
        "Oakridge cycle path extended to the river meadows",
        "2026-11-11T07:20:00Z",
        true,
    ),
    (
        "Westmere apple harvest is the best in a decade",
        "2026-11-10T12:00:00Z",
        true,
    ),
    (
        "Saltmarsh Point boardwalk rebuilt with recycled plastic",
        "2026-11-09T11:10:00Z",
        false,
    ),
    (
        "Harbour choir wins regional competition with sea shanties",
        "2026-11-08T19:00:00Z",
        true,
    ),
    (
        "High Fell school opens a weather station on its roof",
        "2026-11-07T08:45:00Z",
        true,
    ),
    (
        "Lakeport tram plan moves to public consultation",
        "2026-11-06T13:30:00Z",
        true,
    ),
    (
        "Greyhaven harbour dredging finishes ahead of schedule",
        "2026-11-05T15:00:00Z",
        false,
    ),
    (
        "Millbrook farmers try oats instead of barley",
        "2026-11-04T09:00:00Z",
        true,
    ),
    (
        "Kestrel Bay film festival announces its programme",
        "2026-11-03T18:20:00Z",
        true,
    ),
    (
        "Oakridge hospital opens a night-time minor injuries clinic",
        "2026-11-02T10:00:00Z",
        true,
    ),
    (
        "Seal pups spotted on the sandbanks off Saltmarsh Point",
        "2026-11-01T14:50:00Z",
        true,
    ),
    (
        "Westmere's last ropewalk takes on two apprentices",
        "2026-10-31T09:40:00Z",
        false,
    ),
    (
        "Lakeport museum returns a carved figurehead to the sea front",
        "2026-10-30T11:25:00Z",
        true,
    ),
    (
        "Greyhaven swimmers brave the first cold-water dip of the season",
        "2026-10-29T07:05:00Z",
        true,
    ),
    (
        "Millbrook bridge closes for three weeks of repairs",
        "2026-10-28T16:00:00Z",
        true,
    ),
    (
        "Kestrel Bay café wins award for its fish soup",
        "2026-10-27T12:40:00Z",
        false,
    ),
    (
        "Oakridge orchestra plays in a disused railway tunnel",
        "2026-10-26T20:15:00Z",
        true,
    ),
    (
        "Harbour pilots mark 150 years of guiding ships into Lakeport",
        "2026-10-25T10:10:00Z",
        true,
    ),
    (
        "High Fell walkers clear a forgotten drovers' road",
        "2026-10-24T09:30:00Z",
        true,
    ),
    (
        "Westmere ferry fares frozen for another year",
        "2026-10-23T08:00:00Z",
        false,
    ),
    (
        "Saltmarsh oyster beds recover after the cold winter",
        "2026-10-22T13:00:00Z",
        true,
    ),
    (
        "Lakeport students design a floating classroom",
        "2026-10-21T11:45:00Z",
        true,
    ),
    (
        "Greyhaven's market square gets its chestnut trees back",
        "2026-10-20T15:35:00Z",
        true,
    ),
    (
        "Millbrook chess club challenges the whole valley",
        "2026-10-19T18:00:00Z",
        false,
    ),
    (
        "Kestrel Bay harbour wall painted by local artists",
        "2026-10-18T10:20:00Z",
        true,
    ),
    (
        "Oakridge volunteers map every tree in the old town",
        "2026-10-17T09:05:00Z",
        true,
    ),
];

/// Related and recommended lists take this many other demo articles; the rest are
/// archive cards.
const RELATED_ARTICLES: usize = 5;
const RELATED_ARCHIVE: usize = 7;
const POPULAR_ARCHIVE: usize = 14;
const RECOMMENDED_ARTICLES: usize = 4;
const RECOMMENDED_ARCHIVE: usize = 4;

/// The demo articles as stored in `seed/articles.json`.
pub fn demo_articles() -> Result<Vec<Article>, serde_json::Error> {
    serde_json::from_str(include_str!("seed/articles.json"))
}

/// Everything the database is filled with on first start: the demo articles, a
/// card for each of them and for each archive story, and the three lists of every
/// demo article (related: 12 cards, popular: 24 ranked cards, recommended: 8).
pub fn demo_content() -> Result<ImportBatch, serde_json::Error> {
    let articles = demo_articles()?;
    let article_cards: Vec<Card> = articles.iter().map(card_of).collect();
    let archive_cards: Vec<Card> = ARCHIVE
        .iter()
        .enumerate()
        .map(|(index, (title, published_at, has_picture))| {
            let id = format!("archive-{:02}", index + 1);
            Card {
                url: format!("{OUTLET_URL}/archive/{id}"),
                title: (*title).to_string(),
                image: has_picture.then(|| Image {
                    url: format!("/media/{id}.svg"),
                    alt: (*title).to_string(),
                    width: 320,
                    height: 180,
                }),
                source: Some(CardSource {
                    name: OUTLET.to_string(),
                }),
                published_at: Some((*published_at).to_string()),
                rank: None,
                id,
            }
        })
        .collect();

    // Most read: demo articles by their reaction count, then archive stories.
    let mut by_popularity: Vec<&Article> = articles.iter().collect();
    by_popularity.sort_by_key(|article| {
        std::cmp::Reverse(article.rating.as_ref().map_or(0, |rating| rating.count))
    });

    let mut lists = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        let others = |skip: usize, take: usize| -> Vec<String> {
            (1..articles.len())
                .map(|step| &articles[(index + skip + step) % articles.len()])
                .filter(|other| other.id != article.id)
                .take(take)
                .map(|other| other.id.clone())
                .collect()
        };
        let archive = |offset: usize, take: usize| -> Vec<String> {
            (0..take)
                .map(|step| {
                    archive_cards[(index * 3 + offset + step) % archive_cards.len()]
                        .id
                        .clone()
                })
                .collect()
        };
        let related = [others(0, RELATED_ARTICLES), archive(0, RELATED_ARCHIVE)].concat();
        let popular_articles = by_popularity
            .iter()
            .filter(|other| other.id != article.id)
            .map(|other| other.id.clone())
            .collect::<Vec<_>>();
        let popular = [popular_articles, archive(11, POPULAR_ARCHIVE)].concat();
        let recommended = [
            others(RELATED_ARTICLES, RECOMMENDED_ARTICLES),
            archive(23, RECOMMENDED_ARCHIVE),
        ]
        .concat();
        for (list, card_ids) in [
            (ListKind::Related, related),
            (ListKind::Popular, popular),
            (ListKind::Recommended, recommended),
        ] {
            lists.push(ListImport {
                article_id: article.id.clone(),
                list,
                card_ids,
            });
        }
    }

    Ok(ImportBatch {
        cards: [article_cards, archive_cards].concat(),
        articles,
        lists,
    })
}

/// The card of a demo article (its lead image as a card-sized thumbnail).
fn card_of(article: &Article) -> Card {
    Card {
        id: article.id.clone(),
        url: article.url.clone(),
        title: article.title.clone(),
        image: article.image.as_ref().map(|image| Image {
            url: image.url.clone(),
            alt: image.alt.clone(),
            width: 320,
            height: 180,
        }),
        source: article.source.as_ref().map(|source| CardSource {
            name: source.name.clone(),
        }),
        published_at: article.published_at.clone(),
        rank: None,
    }
}

/// The id of the synthetic article whose lists hold `count` cards.
pub fn synthetic_id(count: u32) -> String {
    format!("synthetic-{count}")
}

/// A synthetic article `synthetic-<count>` whose related, popular and recommended
/// lists each hold the same `count` generated cards in three different orders
/// (related: 1..n, popular: n..1, recommended: odd then even). Every fifth card has
/// no picture, to exercise the optional path.
pub fn synthetic_content(count: u32) -> ImportBatch {
    let id = synthetic_id(count);
    let article = Article {
        id: id.clone(),
        url: format!("{OUTLET_URL}/synthetic/{id}"),
        title: format!("Synthetic article with {count} recommendations per list"),
        section: vec!["Home".into(), "Synthetic".into()],
        source: Some(crate::store::Source {
            name: OUTLET.into(),
            url: Some(OUTLET_URL.into()),
        }),
        published_at: Some("2026-10-01T00:00:00Z".into()),
        updated_at: None,
        byline: Some("By the test generator".into()),
        dateline: Some("NOWHERE, Westmere".into()),
        image: Some(Image {
            url: format!("/media/{id}.svg"),
            alt: "Generated placeholder picture".into(),
            width: 1200,
            height: 675,
        }),
        body: vec![crate::store::Block::Paragraph {
            text: format!(
                "Generated for tests and benchmarks: each recommendation list of this article holds {count} cards."
            ),
        }],
        rating: Some(Rating {
            label: "veryGood!".into(),
            count: 0,
        }),
    };
    let cards: Vec<Card> = (1..=count)
        .map(|n| {
            let card_id = format!("{id}-{n}");
            Card {
                url: format!("{OUTLET_URL}/synthetic/{card_id}"),
                title: format!("Synthetic story {n} of {count}"),
                image: (n % 5 != 0).then(|| Image {
                    url: format!("/media/synthetic-{}.svg", n % 24),
                    alt: format!("Picture for synthetic story {n}"),
                    width: 320,
                    height: 180,
                }),
                source: Some(CardSource {
                    name: OUTLET.into(),
                }),
                published_at: Some(format!(
                    "2026-09-{:02}T{:02}:{:02}:00Z",
                    28 - (n / 1440) % 28,
                    23 - (n / 60) % 24,
                    59 - n % 60
                )),
                rank: None,
                id: card_id,
            }
        })
        .collect();
    let ids: Vec<String> = cards.iter().map(|card| card.id.clone()).collect();
    let popular: Vec<String> = ids.iter().rev().cloned().collect();
    let recommended: Vec<String> = ids
        .iter()
        .step_by(2)
        .chain(ids.iter().skip(1).step_by(2))
        .cloned()
        .collect();
    ImportBatch {
        articles: vec![article],
        cards,
        lists: vec![
            ListImport {
                article_id: id.clone(),
                list: ListKind::Related,
                card_ids: ids,
            },
            ListImport {
                article_id: id.clone(),
                list: ListKind::Popular,
                card_ids: popular,
            },
            ListImport {
                article_id: id,
                list: ListKind::Recommended,
                card_ids: recommended,
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Block;
    use std::collections::HashSet;

    #[test]
    fn demo_articles_have_the_full_news_structure() {
        let articles = demo_articles().unwrap_or_default();
        assert!(articles.len() >= 10);
        let ids: HashSet<_> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), articles.len(), "duplicate ids");
        for article in &articles {
            assert!(crate::validate::is_article_id(&article.id));
            assert!(article.section.len() >= 2, "{}", article.id);
            assert!(article
                .byline
                .as_deref()
                .is_some_and(|b| b.starts_with("By ")));
            assert!(article.dateline.is_some() && article.image.is_some());
            assert!(article.body.len() >= 5, "{}", article.id);
            let has = |f: fn(&Block) -> bool| article.body.iter().any(f);
            assert!(has(|b| matches!(b, Block::Paragraph { .. })));
            assert!(has(|b| matches!(b, Block::Heading { .. })));
            assert!(has(|b| matches!(b, Block::Quote { cite: Some(_), .. })));
            assert!(has(|b| matches!(b, Block::Image { .. })));
        }
        assert!(articles.iter().any(|a| a.rating.is_none()));
        assert!(articles
            .iter()
            .any(|a| a.body.iter().any(|b| matches!(b, Block::Html { .. }))));
    }

    #[test]
    fn demo_lists_point_at_known_cards_without_repeats() {
        let content = demo_content().unwrap_or_default();
        let cards: HashSet<_> = content.cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(content.lists.len(), content.articles.len() * 3);
        for list in &content.lists {
            let unique: HashSet<_> = list.card_ids.iter().collect();
            assert_eq!(unique.len(), list.card_ids.len(), "{list:?}");
            assert!(!list.card_ids.contains(&list.article_id));
            assert!(list.card_ids.iter().all(|id| cards.contains(id.as_str())));
        }
        assert!(content.lists.iter().any(|l| l.card_ids.len() > 10));
    }

    #[test]
    fn synthetic_lists_are_permutations() {
        let content = synthetic_content(101);
        for list in &content.lists {
            let unique: HashSet<_> = list.card_ids.iter().collect();
            assert_eq!(unique.len(), 101);
        }
    }
}
