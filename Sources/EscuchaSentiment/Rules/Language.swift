import EscuchaCore
import EscuchaNormalize

/// Texts that are not in Spanish are not scored. Exports of Spanish-speaking customers carry some English
/// (a tourist's review, a retweet), and reading English as Spanish invents opinions: `time` is taken for
/// `timar` (to swindle), `fine` for `fin`. Such a text gets no contributions and says which language it
/// seems to be in, so a reader knows why it is neutral.
///
/// The guess counts function words, which every sentence has and no opinion lexicon lists: at least
/// `minimumForeign` English ones and more than `foreignRatio` times the Spanish ones. A Spanish text
/// with English words in it (`el delivery fue top`, `best hotel, la comida buenísima`) stays Spanish.
enum LanguageGuess {
    static let minimumForeign = 3
    static let foreignRatio = 2
    static let english: WordSet = ["the", "and", "is", "was", "of", "to", "in", "it", "you", "we", "for", "with", "this", "that",
                                       "very", "are", "have", "has", "not", "but", "they", "were", "there", "at", "my", "our", "be",
                                       "would", "will", "if", "an", "from", "so", "just", "all", "can", "their"]
    static let spanish: WordSet = ["de", "la", "que", "el", "en", "y", "los", "se", "del", "las", "un", "por", "con", "no", "una",
                                       "su", "para", "es", "al", "lo", "como", "mas", "pero", "muy", "me", "mi", "le", "ya", "fue",
                                       "esta", "hay", "todo", "nos", "yo", "si", "ni", "era", "son", "tan", "ha", "les"]

    enum FunctionWord: UInt8 { case none, spanish, english }

    /// Which language's function word a word key is (looked up once per surface, kept in its traits).
    static func functionWord(_ key: String) -> FunctionWord {
        english.contains(key) ? .english : spanish.contains(key) ? .spanish : .none
    }

    /// `"en"` for function-word counts that read as English; nil for Spanish (or too little to tell).
    static func foreign(english: Int, spanish: Int) -> String? {
        english >= minimumForeign && english > foreignRatio * spanish ? "en" : nil
    }
}
