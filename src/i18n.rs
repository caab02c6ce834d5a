//! Locale resolution and the UI's message tables.
//!
//! The locale is the first well-formed tag of: the `lang` option, the host page's
//! `<html lang>`, the browser's languages. Its messages come from the first table along its
//! fallback chain (`pt-BR` → `pt` → `en`), so a page in French gets English words but
//! French dates and numbers: those are formatted by the browser's `Intl` with the full
//! requested tag (see `format.rs`). The text direction follows the requested language.

/// Languages with a message table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    English,
    Portuguese,
    Arabic,
}

/// The resolved locale: the tag handed to `Intl`, the message table, the text direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locale {
    pub tag: String,
    pub language: Language,
}

impl Locale {
    /// The first well-formed candidate tag, with the message table along its chain.
    pub fn resolve<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Locale {
        let tag = candidates
            .into_iter()
            .map(|tag| tag.trim().replace('_', "-"))
            .find(|tag| well_formed(tag))
            .unwrap_or_else(|| "en".to_owned());
        let language = fallback_chain(&tag)
            .find_map(|t| table_for(&t))
            .unwrap_or(Language::English);
        Locale { tag, language }
    }

    /// `"rtl"` when the requested language is written right to left, else `"ltr"`.
    pub fn dir(&self) -> &'static str {
        let primary = self.tag.split('-').next().unwrap_or_default();
        let rtl = [
            "ar", "he", "iw", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug",
        ]
        .iter()
        .any(|rtl| primary.eq_ignore_ascii_case(rtl));
        if rtl {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The message table.
    pub fn messages(&self) -> &'static Messages {
        match self.language {
            Language::English => &EN,
            Language::Portuguese => &PT,
            Language::Arabic => &AR,
        }
    }
}

/// A BCP 47 shape: a 2–8 letter language, then subtags of 1–8 letters or digits.
fn well_formed(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `pt-BR-x` → `pt-BR-x`, `pt-BR`, `pt`.
fn fallback_chain(tag: &str) -> impl Iterator<Item = String> + '_ {
    let parts: Vec<&str> = tag.split('-').filter(|p| !p.is_empty()).collect();
    (1..=parts.len()).rev().map(move |n| parts[..n].join("-"))
}

fn table_for(tag: &str) -> Option<Language> {
    match tag.to_ascii_lowercase().as_str() {
        "en" => Some(Language::English),
        "pt" => Some(Language::Portuguese),
        "ar" => Some(Language::Arabic),
        _ => None,
    }
}

/// Every string the widget shows that does not come from the endpoint.
#[derive(Debug, PartialEq, Eq)]
pub struct Messages {
    pub retry: &'static str,
    pub loading_article: &'static str,
    pub breadcrumb: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub config_title: &'static str,
    pub error_network: &'static str,
    pub error_timeout: &'static str,
    pub error_http: &'static str,
    pub error_not_found: &'static str,
    pub error_not_json: &'static str,
    pub error_invalid: &'static str,
    pub error_too_large: &'static str,
    pub error_crashed: &'static str,
    pub retrying_soon: &'static str,
    pub rating_failed: &'static str,
    /// A vote refused as one too many (HTTP 429): waiting helps, an immediate Retry not.
    pub rating_rate_limited: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub slide_of: &'static str,
    pub total: &'static str,
    pub list_related: &'static str,
    pub list_popular: &'static str,
    pub list_recommended: &'static str,
    pub recommendations: &'static str,
    pub no_recommendations: &'static str,
    /// Said where an article too large for the widget is cut short.
    pub article_left_out: &'static str,
    pub read_full_article: &'static str,
}

static EN: Messages = Messages {
    retry: "Retry",
    loading_article: "Loading article…",
    breadcrumb: "Breadcrumb",
    published: "Published",
    updated: "Updated",
    config_title: "This news widget is not set up correctly",
    error_network: "The news service could not be reached.",
    error_timeout: "The news service took too long to answer.",
    error_http: "The news service answered with an error.",
    error_not_found: "This article could not be found.",
    error_not_json: "The news service sent something that is not news data.",
    error_invalid: "The news service sent data in an unexpected shape.",
    error_too_large: "The news service sent more data than the widget accepts.",
    error_crashed: "The news widget stopped working.",
    retrying_soon: "Trying again automatically…",
    rating_failed: "Your vote could not be saved.",
    rating_rate_limited: "Too many votes for now. Please try again later.",
    previous: "Previous",
    next: "Next",
    slide_of: "{n} of {total}",
    total: "total {total}",
    list_related: "Related",
    list_popular: "Most read",
    list_recommended: "Recommended",
    recommendations: "More stories",
    no_recommendations: "No stories in this list yet.",
    article_left_out: "Part of this article is too long to show here.",
    read_full_article: "Read the full article",
};

static PT: Messages = Messages {
    retry: "Tentar novamente",
    loading_article: "Carregando a notícia…",
    breadcrumb: "Trilha de navegação",
    published: "Publicado",
    updated: "Atualizado",
    config_title: "Este widget de notícias não está configurado corretamente",
    error_network: "Não foi possível contactar o serviço de notícias.",
    error_timeout: "O serviço de notícias demorou demais para responder.",
    error_http: "O serviço de notícias respondeu com um erro.",
    error_not_found: "Esta notícia não foi encontrada.",
    error_not_json: "O serviço de notícias enviou algo que não são dados de notícias.",
    error_invalid: "O serviço de notícias enviou dados num formato inesperado.",
    error_too_large: "O serviço de notícias enviou mais dados do que o widget aceita.",
    error_crashed: "O widget de notícias parou de funcionar.",
    retrying_soon: "Tentando novamente automaticamente…",
    rating_failed: "Não foi possível salvar o seu voto.",
    rating_rate_limited: "Votos demais por agora. Tente novamente mais tarde.",
    previous: "Anterior",
    next: "Próximo",
    slide_of: "{n} de {total}",
    total: "total {total}",
    list_related: "Relacionadas",
    list_popular: "Mais lidas",
    list_recommended: "Recomendadas",
    recommendations: "Mais notícias",
    no_recommendations: "Ainda não há notícias nesta lista.",
    article_left_out: "Parte desta notícia é longa demais para ser mostrada aqui.",
    read_full_article: "Leia a notícia completa",
};

static AR: Messages = Messages {
    retry: "إعادة المحاولة",
    loading_article: "جارٍ تحميل المقال…",
    breadcrumb: "مسار التنقل",
    published: "نُشر",
    updated: "حُدّث",
    config_title: "أداة الأخبار هذه غير مُعدّة بشكل صحيح",
    error_network: "تعذّر الوصول إلى خدمة الأخبار.",
    error_timeout: "استغرقت خدمة الأخبار وقتًا طويلًا للرد.",
    error_http: "ردّت خدمة الأخبار بخطأ.",
    error_not_found: "تعذّر العثور على هذا المقال.",
    error_not_json: "أرسلت خدمة الأخبار شيئًا ليس بيانات أخبار.",
    error_invalid: "أرسلت خدمة الأخبار بيانات بشكل غير متوقع.",
    error_too_large: "أرسلت خدمة الأخبار بيانات أكثر مما تقبله الأداة.",
    error_crashed: "توقفت أداة الأخبار عن العمل.",
    retrying_soon: "تتم إعادة المحاولة تلقائيًا…",
    rating_failed: "تعذّر حفظ تصويتك.",
    rating_rate_limited: "عدد كبير جدًا من الأصوات الآن. حاول مرة أخرى لاحقًا.",
    previous: "السابق",
    next: "التالي",
    slide_of: "{n} من {total}",
    total: "المجموع {total}",
    list_related: "ذات صلة",
    list_popular: "الأكثر قراءة",
    list_recommended: "مقترحة",
    recommendations: "المزيد من الأخبار",
    no_recommendations: "لا توجد أخبار في هذه القائمة بعد.",
    article_left_out: "جزء من هذا المقال أطول من أن يُعرض هنا.",
    read_full_article: "اقرأ المقال كاملًا",
};

/// Fills `{name}` placeholders in a message.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_along_the_chain() {
        let locale = Locale::resolve(["pt-BR"]);
        assert_eq!(locale.language, Language::Portuguese);
        assert_eq!(locale.tag, "pt-BR");
        assert_eq!(Locale::resolve(["ar-EG"]).dir(), "rtl");
    }

    #[test]
    fn a_language_without_a_table_gets_english_words_and_its_own_formats() {
        // `lang="fr"` beats a Portuguese browser: French dates and numbers, English words.
        let locale = Locale::resolve(["fr", "pt-BR"]);
        assert_eq!(
            (locale.tag.as_str(), locale.language),
            ("fr", Language::English)
        );
        assert_eq!(locale.dir(), "ltr");
        // Hebrew is laid out right to left even with English words.
        assert_eq!(Locale::resolve(["he-IL"]).dir(), "rtl");
    }

    #[test]
    fn malformed_or_empty_candidates_are_skipped_then_english() {
        let locale = Locale::resolve(["", "  ", "not a tag", "e", "ar"]);
        assert_eq!(
            (locale.tag.as_str(), locale.language),
            ("ar", Language::Arabic)
        );
        let fallback = Locale::resolve(["", "12", "-x"]);
        assert_eq!(
            (fallback.tag.as_str(), fallback.language),
            ("en", Language::English)
        );
        assert_eq!(fallback.dir(), "ltr");
    }

    #[test]
    fn underscores_and_case_are_tolerated() {
        assert_eq!(Locale::resolve(["PT_br"]).language, Language::Portuguese);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill(EN.slide_of, &[("n", "3"), ("total", "12")]), "3 of 12");
    }
}
