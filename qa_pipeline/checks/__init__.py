"""Code-defined rules: one module each (``qaNNN_<name>.py``), listed in :data:`RULES`.

The table is the registry of code rules (like yamllint's ``_RULES`` or ruff's code table): a rule exists
when it is listed here, in code order. A convention test checks that every module of this package is
listed and that each module's ``RULE`` is the class listed.
"""

from __future__ import annotations

from qa_pipeline.checks.qa101_empty_target import EmptyTarget
from qa_pipeline.checks.qa102_target_equals_source import TargetEqualsSource
from qa_pipeline.checks.qa103_edge_whitespace_mismatch import EdgeWhitespaceMismatch
from qa_pipeline.checks.qa104_double_space import DoubleSpace
from qa_pipeline.checks.qa201_number_changed import NumberChanged
from qa_pipeline.checks.qa202_number_missing import NumberMissing
from qa_pipeline.checks.qa203_number_added import NumberAdded
from qa_pipeline.checks.qa204_number_format import NumberFormat
from qa_pipeline.checks.qa205_currency_placement import CurrencyPlacement
from qa_pipeline.checks.qa206_ambiguous_number import AmbiguousNumber
from qa_pipeline.checks.qa207_number_typography import NumberTypography
from qa_pipeline.checks.qa208_number_differs_from_siblings import NumberDiffersFromSiblings
from qa_pipeline.checks.qa209_number_missing_from_siblings import NumberMissingFromSiblings
from qa_pipeline.checks.qa301_leftover_template import LeftoverTemplate
from qa_pipeline.checks.qa302_leaked_html import LeakedHtml
from qa_pipeline.checks.qa304_stock_photo_credit import StockPhotoCredit
from qa_pipeline.checks.qa305_glued_text import GluedText
from qa_pipeline.checks.qa306_empty_table_of_contents import EmptyTableOfContents
from qa_pipeline.checks.qa320_corpus_boilerplate import CorpusBoilerplate
from qa_pipeline.checks.qa330_mojibake import Mojibake
from qa_pipeline.checks.qa331_replacement_character import ReplacementCharacter
from qa_pipeline.checks.qa332_control_character import ControlCharacter
from qa_pipeline.checks.qa401_wrong_language_segment import WrongLanguageSegment
from qa_pipeline.checks.qa402_untranslated_span import UntranslatedSpan
from qa_pipeline.checks.qa403_untranslated_clause import UntranslatedClause
from qa_pipeline.checks.qa404_copied_source_run import CopiedSourceRun
from qa_pipeline.checks.qa501_truncated_text import TruncatedText
from qa_pipeline.checks.qa502_unterminated_paragraph import UnterminatedParagraph
from qa_pipeline.checks.qa503_ellipsis_truncation import EllipsisTruncation
from qa_pipeline.checks.qa504_end_punctuation_mismatch import EndPunctuationMismatch
from qa_pipeline.checks.qa510_shorter_than_expected import ShorterThanExpected
from qa_pipeline.checks.qa511_longer_than_expected import LongerThanExpected
from qa_pipeline.checks.qa512_paragraph_count_mismatch import ParagraphCountMismatch
from qa_pipeline.checks.qa513_omitted_paragraph import OmittedParagraph
from qa_pipeline.checks.qa514_empty_translation import EmptyTranslation
from qa_pipeline.checks.qa601_doubled_punctuation import DoubledPunctuation
from qa_pipeline.checks.qa602_mismatched_quotation_marks import MismatchedQuotationMarks
from qa_pipeline.checks.qa603_unbalanced_quotation_marks import UnbalancedQuotationMarks
from qa_pipeline.checks.qa604_unbalanced_brackets import UnbalancedBrackets
from qa_pipeline.checks.qa605_quotation_opened_with_dash import QuotationOpenedWithDash
from qa_pipeline.checks.qa606_locale_quotation_marks import LocaleQuotationMarks
from qa_pipeline.checks.qa607_french_punctuation_spacing import FrenchPunctuationSpacing
from qa_pipeline.checks.qa608_space_before_punctuation import SpaceBeforePunctuation
from qa_pipeline.checks.qa609_missing_space_after_punctuation import MissingSpaceAfterPunctuation
from qa_pipeline.checks.qa610_run_on_sentence import RunOnSentence
from qa_pipeline.checks.qa611_cjk_halfwidth_punctuation import CjkHalfwidthPunctuation
from qa_pipeline.checks.qa612_script_punctuation import LatinPunctuationInScript
from qa_pipeline.checks.qa613_space_before_percent import SpaceBeforePercent
from qa_pipeline.checks.qa614_missing_inverted_mark import MissingInvertedMark
from qa_pipeline.checks.qa615_hyphen_as_dash import HyphenAsDash
from qa_pipeline.checks.qa616_space_after_elision import SpaceAfterElision
from qa_pipeline.checks.qa617_dash_as_hyphen import DashAsHyphen
from qa_pipeline.checks.qa701_doubled_word import DoubledWord
from qa_pipeline.checks.qa702_doubled_phrase import DoubledPhrase
from qa_pipeline.checks.qa703_repeated_unspaced_run import RepeatedUnspacedRun
from qa_pipeline.checks.qa704_same_word_coordination import SameWordCoordination
from qa_pipeline.checks.qa801_placeholder_missing import PlaceholderMissing
from qa_pipeline.checks.qa802_placeholder_extra import PlaceholderExtra
from qa_pipeline.checks.qa803_placeholder_renamed import PlaceholderRenamed
from qa_pipeline.checks.qa804_placeholder_type_changed import PlaceholderTypeChanged
from qa_pipeline.checks.qa805_placeholder_order_changed import PlaceholderOrderChanged
from qa_pipeline.checks.qa806_placeholder_malformed import PlaceholderMalformed
from qa_pipeline.checks.qa811_icu_syntax_error import IcuSyntaxInvalid
from qa_pipeline.checks.qa812_icu_argument_missing import IcuArgumentMissing
from qa_pipeline.checks.qa813_icu_argument_unknown import IcuArgumentUnknown
from qa_pipeline.checks.qa814_icu_argument_type_changed import IcuArgumentTypeChanged
from qa_pipeline.checks.qa815_icu_plural_category_missing import IcuPluralCategoryMissing
from qa_pipeline.checks.qa816_icu_plural_category_invalid import IcuPluralCategoryInvalid
from qa_pipeline.checks.qa817_icu_select_key_unknown import IcuSelectKeyUnknown
from qa_pipeline.checks.qa818_icu_plural_number_missing import IcuPluralNumberMissing
from qa_pipeline.checks.qa821_tag_missing import TagMissing
from qa_pipeline.checks.qa822_tag_extra import TagExtra
from qa_pipeline.checks.qa823_tag_renamed import TagRenamed
from qa_pipeline.checks.qa824_tag_nesting_broken import TagNestingBroken
from qa_pipeline.checks.qa825_tag_attribute_changed import TagAttributeChanged
from qa_pipeline.checks.qa826_link_target_changed import LinkTargetChanged
from qa_pipeline.checks.qa827_code_span_changed import CodeSpanChanged
from qa_pipeline.checks.qa830_url_mismatch import UrlMismatch
from qa_pipeline.checks.qa831_email_mismatch import EmailMismatch
from qa_pipeline.checks.qa832_file_path_mismatch import FilePathMismatch
from qa_pipeline.checks.qa833_option_mismatch import OptionMismatch
from qa_pipeline.checks.qa834_escape_mismatch import EscapeMismatch
from qa_pipeline.checks.qa835_line_break_mismatch import LineBreakMismatch
from qa_pipeline.checks.qa836_accelerator_mismatch import AcceleratorMismatch
from qa_pipeline.checks.qa837_bracket_pair_lost import BracketPairLost
from qa_pipeline.checks.qa838_quotation_marks_lost import QuotationMarksLost
from qa_pipeline.checks.qa840_inconsistent_translation import InconsistentTranslation
from qa_pipeline.checks.qa841_inconsistent_source import InconsistentSource
from qa_pipeline.checks.qa842_inconsistent_translation_across_files import InconsistentTranslationAcrossFiles
from qa_pipeline.checks.qa843_inconsistent_source_across_files import InconsistentSourceAcrossFiles
from qa_pipeline.checks.qa850_glossary_term_missing import GlossaryTermMissing
from qa_pipeline.checks.qa851_forbidden_term import ForbiddenTerm
from qa_pipeline.checks.qa852_dnt_term_changed import DntTermChanged
from qa_pipeline.checks.qa860_length_limit_exceeded import LengthLimitExceeded
from qa_pipeline.checks.qa861_configured_length_exceeded import ConfiguredLengthExceeded
from qa_pipeline.ruleapi import Rule

RULES: tuple[type[Rule], ...] = (
    EmptyTarget,
    TargetEqualsSource,
    EdgeWhitespaceMismatch,
    DoubleSpace,
    NumberChanged,
    NumberMissing,
    NumberAdded,
    NumberFormat,
    CurrencyPlacement,
    AmbiguousNumber,
    NumberTypography,
    NumberDiffersFromSiblings,
    NumberMissingFromSiblings,
    LeftoverTemplate,
    LeakedHtml,
    StockPhotoCredit,
    GluedText,
    EmptyTableOfContents,
    CorpusBoilerplate,
    Mojibake,
    ReplacementCharacter,
    ControlCharacter,
    WrongLanguageSegment,
    UntranslatedSpan,
    UntranslatedClause,
    CopiedSourceRun,
    TruncatedText,
    UnterminatedParagraph,
    EllipsisTruncation,
    EndPunctuationMismatch,
    ShorterThanExpected,
    LongerThanExpected,
    ParagraphCountMismatch,
    OmittedParagraph,
    EmptyTranslation,
    DoubledPunctuation,
    MismatchedQuotationMarks,
    UnbalancedQuotationMarks,
    UnbalancedBrackets,
    QuotationOpenedWithDash,
    LocaleQuotationMarks,
    FrenchPunctuationSpacing,
    SpaceBeforePunctuation,
    MissingSpaceAfterPunctuation,
    RunOnSentence,
    CjkHalfwidthPunctuation,
    LatinPunctuationInScript,
    SpaceBeforePercent,
    MissingInvertedMark,
    HyphenAsDash,
    SpaceAfterElision,
    DashAsHyphen,
    DoubledWord,
    DoubledPhrase,
    RepeatedUnspacedRun,
    SameWordCoordination,
    PlaceholderMissing,
    PlaceholderExtra,
    PlaceholderRenamed,
    PlaceholderTypeChanged,
    PlaceholderOrderChanged,
    PlaceholderMalformed,
    IcuSyntaxInvalid,
    IcuArgumentMissing,
    IcuArgumentUnknown,
    IcuArgumentTypeChanged,
    IcuPluralCategoryMissing,
    IcuPluralCategoryInvalid,
    IcuSelectKeyUnknown,
    IcuPluralNumberMissing,
    TagMissing,
    TagExtra,
    TagRenamed,
    TagNestingBroken,
    TagAttributeChanged,
    LinkTargetChanged,
    CodeSpanChanged,
    UrlMismatch,
    EmailMismatch,
    FilePathMismatch,
    OptionMismatch,
    EscapeMismatch,
    LineBreakMismatch,
    AcceleratorMismatch,
    BracketPairLost,
    QuotationMarksLost,
    InconsistentTranslation,
    InconsistentSource,
    InconsistentTranslationAcrossFiles,
    InconsistentSourceAcrossFiles,
    GlossaryTermMissing,
    ForbiddenTerm,
    DntTermChanged,
    LengthLimitExceeded,
    ConfiguredLengthExceeded,
)
