#include "reprint/reader.h"

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/input_file.h"
#include "gtest/gtest.h"
#include "tests/testing/fault_injection_file.h"
#include "tests/testing/temp_dir.h"

namespace reprint {
namespace {

namespace fs = std::filesystem;
using Severity = Diagnostic::Severity;

class ReaderTest : public test::TempDirTest {};

Corpus ReadString(std::string_view content, ReadOptions options = {}) {
  Corpus corpus;
  ReadJsonl("in.jsonl", content, options, &corpus);
  return corpus;
}

std::vector<std::string> Ids(const Corpus& corpus) {
  std::vector<std::string> ids;
  for (const Document& d : corpus.documents) ids.push_back(d.id.value);
  return ids;
}

void ExpectDiagnostic(const Diagnostic& d, Severity severity, std::string_view file, int64_t line) {
  EXPECT_EQ(d.severity, severity) << d.ToString();
  EXPECT_EQ(d.file, file) << d.ToString();
  EXPECT_EQ(d.line, line) << d.ToString();
  EXPECT_FALSE(d.message.empty()) << d.ToString();
}

// ------------------------------------------------------------------ ReadJsonl

TEST(ReaderJsonlTest, ReadsAllMetadataFields) {
  const Corpus corpus = ReadString(
      R"({"id": "a1", "text": "Body text.", "source": "The Times", "published": "2025-11-10T08:30:00+05:00", "title": "Headline", "url": "https://example.com/a1"})"
      "\n");
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_TRUE(corpus.diagnostics.empty());
  const Document& d = corpus.documents[0];
  EXPECT_EQ(d.id, (DocId{"a1", false}));
  EXPECT_EQ(d.text, "Body text.");
  EXPECT_EQ(d.source, "The Times");
  ASSERT_TRUE(d.published.has_value());
  EXPECT_EQ(*d.published, 1762745400);  // 2025-11-10T03:30:00Z
  EXPECT_EQ(d.published_text, "2025-11-10T08:30:00+05:00");
  EXPECT_EQ(d.title, "Headline");
  EXPECT_EQ(d.url, "https://example.com/a1");
  EXPECT_EQ(d.input_file, "in.jsonl");
  EXPECT_EQ(d.input_line, 1);
}

TEST(ReaderJsonlTest, OptionalFieldsDefaultToEmpty) {
  const Corpus corpus = ReadString(R"({"id": 1, "text": "t"})");
  ASSERT_EQ(corpus.documents.size(), 1u);
  const Document& d = corpus.documents[0];
  EXPECT_EQ(d.source, "");
  EXPECT_EQ(d.title, "");
  EXPECT_EQ(d.url, "");
  EXPECT_FALSE(d.published.has_value());
  EXPECT_EQ(d.published_text, "");
}

TEST(ReaderJsonlTest, DecodesJsonEscapesInText) {
  const Corpus corpus =
      ReadString(R"({"id": 1, "text": "line1\nline2 \"q\" \u00e9 \u2019 \ud83d\ude00"})");
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].text, "line1\nline2 \"q\" é ’ \xF0\x9F\x98\x80");
}

TEST(ReaderJsonlTest, IntegerAndStringIdsKeepTheirType) {
  const Corpus corpus = ReadString(
      "{\"id\": 42, \"text\": \"a\"}\n"
      "{\"id\": \"42x\", \"text\": \"b\"}\n"
      "{\"id\": -7, \"text\": \"c\"}\n"
      "{\"id\": 18446744073709551615, \"text\": \"d\"}\n"
      "{\"id\": 9007199254740993, \"text\": \"e\"}\n"
      "{\"id\": \"007\", \"text\": \"f\"}\n"
      "{\"id\": 0, \"text\": \"g\"}\n");
  EXPECT_TRUE(corpus.diagnostics.empty());
  ASSERT_EQ(corpus.documents.size(), 7u);
  EXPECT_EQ(corpus.documents[0].id, (DocId{"42", true}));
  EXPECT_EQ(corpus.documents[1].id, (DocId{"42x", false}));
  EXPECT_EQ(corpus.documents[2].id, (DocId{"-7", true}));
  EXPECT_EQ(corpus.documents[3].id, (DocId{"18446744073709551615", true}));  // 2^64-1
  EXPECT_EQ(corpus.documents[4].id, (DocId{"9007199254740993", true}));      // 2^53+1, exact
  EXPECT_EQ(corpus.documents[5].id, (DocId{"007", false}));
  EXPECT_EQ(corpus.documents[6].id, (DocId{"0", true}));
}

TEST(ReaderJsonlTest, AnIntegerIdAndTheSameDigitsAsAStringAreDifferentIds) {
  const Corpus corpus = ReadString(
      "{\"id\": 1, \"text\": \"a\"}\n"
      "{\"id\": \"1\", \"text\": \"b\"}\n"
      "{\"id\": 1, \"text\": \"c\"}\n"
      "{\"id\": \"1\", \"text\": \"d\"}\n");
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_EQ(corpus.documents[0].text, "a");
  EXPECT_EQ(corpus.documents[1].text, "b");
  ASSERT_EQ(corpus.diagnostics.size(), 2u);
  EXPECT_EQ(corpus.diagnostics[0].line, 3);
  EXPECT_EQ(corpus.diagnostics[1].line, 4);
}

TEST(ReaderJsonlTest, UnknownFieldsAreIgnored) {
  const Corpus corpus = ReadString(
      R"({"extra": {"nested": [1, 2, {"id": "no"}]}, "id": 5, "lang": "en", "text": "body", "score": 0.5, "tags": null})");
  EXPECT_TRUE(corpus.diagnostics.empty());
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].id, (DocId{"5", true}));
  EXPECT_EQ(corpus.documents[0].text, "body");
}

TEST(ReaderJsonlTest, BlankLinesAreSkippedSilentlyAndLineNumbersStayRight) {
  const Corpus corpus = ReadString(
      "\n"
      "{\"id\": 1, \"text\": \"a\"}\n"
      "   \t \n"
      "\r\n"
      "{\"id\": 2, \"text\": \"b\"}\r\n"
      "\n");
  EXPECT_TRUE(corpus.diagnostics.empty());
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_EQ(corpus.documents[0].input_line, 2);
  EXPECT_EQ(corpus.documents[1].input_line, 5);
  EXPECT_EQ(corpus.documents[1].text, "b");
}

TEST(ReaderJsonlTest, LastLineWithoutNewlineIsRead) {
  const Corpus corpus = ReadString("{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2, \"text\": \"b\"}");
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"1", "2"}));
}

TEST(ReaderJsonlTest, EachBadRecordIsSkippedWithItsLineAndTheRestIsRead) {
  const Corpus corpus = ReadString(
      "{\"id\": 1, \"text\": \"ok one\"}\n"          // 1
      "{\"id\": 2, \"text\": \"unterminated}\n"      // 2 malformed JSON
      "not json at all\n"                            // 3 malformed JSON
      "{\"text\": \"no id\"}\n"                      // 4 missing id
      "{\"id\": 5}\n"                                // 5 missing text
      "{\"id\": 6.5, \"text\": \"float id\"}\n"      // 6 float id
      "{\"id\": true, \"text\": \"bool id\"}\n"      // 7 bool id
      "{\"id\": {\"a\": 1}, \"text\": \"obj id\"}\n" // 8 object id
      "{\"id\": 9, \"text\": 123}\n"                 // 9 text not a string
      "{\"id\": 10, \"text\": null}\n"               // 10 text null
      "[1, 2, 3]\n"                                  // 11 not an object
      "{\"id\": null, \"text\": \"null id\"}\n"      // 12 null id
      "{\"id\": [1], \"text\": \"array id\"}\n"      // 13 array id
      "{\"id\": 14, \"text\": \"ok two\"}\n");       // 14
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"1", "14"}));
  EXPECT_EQ(corpus.documents[1].input_line, 14);
  ASSERT_EQ(corpus.diagnostics.size(), 12u);
  const int64_t expected_lines[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
  for (size_t i = 0; i < 12; ++i) {
    ExpectDiagnostic(corpus.diagnostics[i], Severity::kSkipped, "in.jsonl", expected_lines[i]);
  }
}

TEST(ReaderJsonlTest, DiagnosticMessagesNameTheProblem) {
  const Corpus corpus = ReadString(
      "{\"text\": \"no id\"}\n"
      "{\"id\": 5}\n"
      "{\"id\": 6.5, \"text\": \"x\"}\n"
      "{\"id\": 9, \"text\": 123}\n");
  ASSERT_EQ(corpus.diagnostics.size(), 4u);
  EXPECT_NE(corpus.diagnostics[0].message.find("id"), std::string::npos);
  EXPECT_NE(corpus.diagnostics[1].message.find("text"), std::string::npos);
  EXPECT_NE(corpus.diagnostics[2].message.find("id"), std::string::npos);
  EXPECT_NE(corpus.diagnostics[3].message.find("text"), std::string::npos);
}

TEST(ReaderJsonlTest, BadPublishedWarnsAndKeepsTheArticleWithoutATime) {
  const Corpus corpus = ReadString(
      "{\"id\": 1, \"text\": \"a\", \"published\": \"yesterday\"}\n"
      "{\"id\": 2, \"text\": \"b\", \"published\": \"2025-02-29\"}\n"
      "{\"id\": 3, \"text\": \"c\", \"published\": \"2025-11-10\"}\n");
  ASSERT_EQ(corpus.documents.size(), 3u);
  EXPECT_FALSE(corpus.documents[0].published.has_value());
  EXPECT_FALSE(corpus.documents[1].published.has_value());
  ASSERT_TRUE(corpus.documents[2].published.has_value());
  EXPECT_EQ(*corpus.documents[2].published, 1762732800);
  ASSERT_EQ(corpus.diagnostics.size(), 2u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kWarning, "in.jsonl", 1);
  ExpectDiagnostic(corpus.diagnostics[1], Severity::kWarning, "in.jsonl", 2);
  EXPECT_NE(corpus.diagnostics[0].message.find("yesterday"), std::string::npos);
}

TEST(ReaderJsonlTest, NullOrEmptyPublishedMeansUndatedWithoutWarning) {
  const Corpus corpus = ReadString(
      "{\"id\": 1, \"text\": \"a\", \"published\": null}\n"
      "{\"id\": 2, \"text\": \"b\", \"published\": \"\"}\n");
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_FALSE(corpus.documents[0].published.has_value());
  EXPECT_FALSE(corpus.documents[1].published.has_value());
  EXPECT_TRUE(corpus.diagnostics.empty());
}

TEST(ReaderJsonlTest, NonStringMetadataWarnsAndKeepsTheArticle) {
  const Corpus corpus = ReadString(
      "{\"id\": 1, \"text\": \"a\", \"title\": 7, \"published\": 1762732800}\n");
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].title, "");
  EXPECT_FALSE(corpus.documents[0].published.has_value());
  ASSERT_EQ(corpus.diagnostics.size(), 2u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kWarning, "in.jsonl", 1);
  ExpectDiagnostic(corpus.diagnostics[1], Severity::kWarning, "in.jsonl", 1);
}

TEST(ReaderJsonlTest, Windows1252LineIsDecodedWithAWarning) {
  const Corpus corpus = ReadString(
      "{\"id\": 1, \"text\": \"plain\"}\n"
      "{\"id\": 2, \"text\": \"\x93quoted\x94 caf\xE9 \x96 \x80" "5\", \"title\": \"\x91T\x92\"}\n"
      "{\"id\": 3, \"text\": \"caf\xC3\xA9 utf8\"}\n");
  ASSERT_EQ(corpus.documents.size(), 3u);
  EXPECT_EQ(corpus.documents[1].text, "“quoted” café – €5");
  EXPECT_EQ(corpus.documents[1].title, "‘T’");
  EXPECT_EQ(corpus.documents[2].text, "café utf8");  // only the bad line is re-decoded
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kWarning, "in.jsonl", 2);
}

// Decoding Windows-1252 makes text longer (one byte to three for curly
// quotes): a text longer than its own line must still come out whole.
TEST(ReaderJsonlTest, Windows1252TextLongerThanItsLineComesOutWhole) {
  std::string quotes, expected;
  for (int i = 0; i < 200; ++i) {
    quotes += "\x93\x94";
    expected += "“”";
  }
  const Corpus corpus =
      ReadString("{\"id\": 1, \"text\": \"" + quotes + "\"}\n{\"id\": 2, \"text\": \"next\"}\n");
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_GT(expected.size(), quotes.size() + 30);  // longer than the whole line
  EXPECT_EQ(corpus.documents[0].text, expected);
  EXPECT_EQ(corpus.documents[1].text, "next");
}

// Texts are kept in buffers shared by many documents (core/document.h's
// Text): a document copied out of its corpus keeps its text after the
// corpus is gone, and so does one whose neighbours are gone.
TEST(ReaderJsonlTest, DocumentsKeepTheirTextsAfterTheCorpusIsGone) {
  std::string content;
  for (int i = 0; i < 50; ++i) {
    content += "{\"id\": " + std::to_string(i) + ", \"text\": \"text \\\"number\\\" " +
               std::to_string(i) + "\"}\n";
  }
  std::vector<Document> kept;
  {
    Corpus corpus = ReadString(content);
    ASSERT_EQ(corpus.documents.size(), 50u);
    kept.push_back(corpus.documents[7]);
    kept.push_back(std::move(corpus.documents[42]));
  }
  EXPECT_EQ(kept[0].text, "text \"number\" 7");
  EXPECT_EQ(kept[1].text, "text \"number\" 42");
}

// A block's texts are packed one after the other, whatever the other
// fields around them: a small file is one part, so all of them are.
TEST(ReaderJsonlTest, TextsOfABlockArePackedOneAfterTheOther) {
  const Corpus corpus = ReadString(
      "{\"id\": 1, \"title\": \"t\", \"text\": \"first text\", \"source\": \"s\"}\n"
      "{\"id\": 2, \"text\": \"second \\u00e9 text\"}\n"
      "{\"text\": \"third\", \"id\": 3}\n");
  ASSERT_EQ(corpus.documents.size(), 3u);
  EXPECT_EQ(corpus.documents[1].text, "second é text");
  for (size_t i = 0; i + 1 < corpus.documents.size(); ++i) {
    const Text& text = corpus.documents[i].text;
    EXPECT_EQ(text.data() + text.size(), corpus.documents[i + 1].text.data()) << i;
  }
}

// Lines that are mostly other fields: the texts are packed together rather
// than kept at their lines' offsets, each whole and in order.
TEST(ReaderJsonlTest, TextsOfLinesThatAreMostlyOtherFieldsArePackedTogether) {
  const std::string other(2000, 'x');
  std::string content;
  for (int i = 0; i < 30; ++i) {
    content += "{\"id\": " + std::to_string(i) + ", \"html\": \"" + other +
               "\", \"text\": \"short text " + std::to_string(i) + "\"}\n";
  }
  const Corpus corpus = ReadString(content);
  ASSERT_EQ(corpus.documents.size(), 30u);
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(corpus.documents[i].text, "short text " + std::to_string(i));
  }
  for (int i = 0; i + 1 < 30; ++i) {
    const Text& text = corpus.documents[i].text;
    EXPECT_EQ(text.data() + text.size(), corpus.documents[i + 1].text.data())
        << "text " << i << " is not packed";
  }
}

TEST(ReaderJsonlTest, LeadingUtf8BomIsIgnored) {
  const Corpus corpus = ReadString(
      "\xEF\xBB\xBF{\"id\": 1, \"text\": \"first\"}\n"
      "{\"id\": 2, \"text\": \"second\"}\n");
  EXPECT_TRUE(corpus.diagnostics.empty());
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_EQ(corpus.documents[0].id, (DocId{"1", true}));
  EXPECT_EQ(corpus.documents[0].text, "first");
  EXPECT_EQ(corpus.documents[0].input_line, 1);
  EXPECT_EQ(corpus.documents[1].input_line, 2);
}

TEST(ReaderJsonlTest, AppendsToAnExistingCorpus) {
  Corpus corpus;
  ReadJsonl("one.jsonl", "{\"id\": 1, \"text\": \"a\"}\n", {}, &corpus);
  ReadJsonl("two.jsonl", "{\"id\": 2, \"text\": \"b\"}\nbad\n", {}, &corpus);
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_EQ(corpus.documents[0].input_file, "one.jsonl");
  EXPECT_EQ(corpus.documents[1].input_file, "two.jsonl");
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kSkipped, "two.jsonl", 2);
}

// -------------------------------------------------------------- ToString

TEST(ReaderDiagnosticTest, ToStringFormatsFileLineSeverityAndMessage) {
  EXPECT_EQ((Diagnostic{Severity::kSkipped, "a.jsonl", 7, "missing \"id\""}).ToString(),
            "a.jsonl:7: skipped: missing \"id\"");
  EXPECT_EQ((Diagnostic{Severity::kWarning, "a.jsonl", 12, "bad date"}).ToString(),
            "a.jsonl:12: warning: bad date");
}

TEST(ReaderDiagnosticTest, ToStringOmitsLineZero) {
  EXPECT_EQ((Diagnostic{Severity::kWarning, "dir/a.txt", 0, "not valid UTF-8"}).ToString(),
            "dir/a.txt: warning: not valid UTF-8");
  EXPECT_EQ((Diagnostic{Severity::kSkipped, "missing.jsonl", 0, "no such file"}).ToString(),
            "missing.jsonl: skipped: no such file");
}

// ----------------------------------------------------------------- ReadInputs

TEST_F(ReaderTest, ReadsJsonlFileAndCountsBytes) {
  const std::string content = "{\"id\": 1, \"text\": \"a\"}\nbad\n{\"id\": 2, \"text\": \"b\"}\n";
  const std::string file = Write("in.jsonl", content);
  const Corpus corpus = ReadInputs({file}, {});
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(corpus.documents[0].input_file, file);
  EXPECT_EQ(corpus.bytes_read, static_cast<int64_t>(content.size()));
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kSkipped, file, 2);
  EXPECT_EQ(corpus.records_skipped, 1);
}

TEST_F(ReaderTest, JsonlFileWithBomIsRead) {
  const std::string file = Write("bom.jsonl", "\xEF\xBB\xBF{\"id\": \"x\", \"text\": \"y\"}\n");
  const Corpus corpus = ReadInputs({file}, {});
  EXPECT_TRUE(corpus.diagnostics.empty());
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].id, (DocId{"x", false}));
  EXPECT_EQ(corpus.documents[0].text, "y");
}

TEST_F(ReaderTest, PlainFileIsOneArticleWithThePathAsId) {
  const std::string file = Write("story.md", "Whole file\nis one article.\n");
  const Corpus corpus = ReadInputs({file}, {});
  EXPECT_TRUE(corpus.diagnostics.empty());
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].id, (DocId{file, false}));
  EXPECT_EQ(corpus.documents[0].text, "Whole file\nis one article.\n");
  EXPECT_EQ(corpus.documents[0].input_file, file);
  EXPECT_EQ(corpus.documents[0].input_line, 0);
}

TEST_F(ReaderTest, DuplicateIdAcrossFilesSkipsTheSecondWithItsFileAndLine) {
  const std::string first = Write("first.jsonl",
                                  "{\"id\": 1, \"text\": \"original\"}\n"
                                  "{\"id\": \"s\", \"text\": \"string original\"}\n");
  const std::string second = Write("second.jsonl",
                                   "{\"id\": 2, \"text\": \"new\"}\n"
                                   "\n"
                                   "{\"id\": 1, \"text\": \"copy\"}\n"
                                   "{\"id\": \"1\", \"text\": \"string one is a different id\"}\n");
  const Corpus corpus = ReadInputs({first, second}, {});
  ASSERT_EQ(corpus.documents.size(), 4u);
  EXPECT_EQ(corpus.documents[0].text, "original");
  EXPECT_EQ(corpus.documents[0].input_file, first);
  EXPECT_EQ(corpus.documents[1].id, (DocId{"s", false}));
  EXPECT_EQ(corpus.documents[2].id, (DocId{"2", true}));
  EXPECT_EQ(corpus.documents[3].id, (DocId{"1", false}));
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kSkipped, second, 3);
  EXPECT_EQ(corpus.records_skipped, 1);
}

TEST_F(ReaderTest, DuplicateIdWithinOneFileKeepsTheFirst) {
  const std::string file = Write("dup.jsonl",
                                 "{\"id\": \"a\", \"text\": \"one\"}\n"
                                 "{\"id\": \"a\", \"text\": \"two\"}\n"
                                 "{\"id\": \"a\", \"text\": \"three\"}\n");
  const Corpus corpus = ReadInputs({file}, {});
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].text, "one");
  ASSERT_EQ(corpus.diagnostics.size(), 2u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kSkipped, file, 2);
  ExpectDiagnostic(corpus.diagnostics[1], Severity::kSkipped, file, 3);
  EXPECT_EQ(corpus.records_skipped, 2);
}

TEST_F(ReaderTest, LargeFileParsedInPartsKeepsInputOrderOfDocumentsAndMessages) {
  // 4,000 lines of about 1 KB: several parts per 16 MB block are parsed in
  // parallel, then placed and their ids claimed in input order. Blank,
  // malformed and duplicate lines fall in every part.
  std::string content;
  std::vector<std::string> kept;
  std::vector<int64_t> message_lines;
  const std::string filler(1000, 'x');
  for (int64_t line = 1; line <= 4000; ++line) {
    if (line % 97 == 0) {
      content += "\n";
    } else if (line % 89 == 0) {
      content += "{not json\n";
      message_lines.push_back(line);
    } else if (line % 50 == 0) {
      content += "{\"id\": " + kept.back() + ", \"text\": \"again\"}\n";  // the id just kept, again
      message_lines.push_back(line);
    } else {
      content += "{\"id\": " + std::to_string(line) + ", \"text\": \"" + filler + "\"}\n";
      kept.push_back(std::to_string(line));
    }
  }
  const std::string file = Write("large.jsonl", content);
  for (const int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    const Corpus corpus = ReadInputs({file}, ReadOptions{threads});
    EXPECT_EQ(Ids(corpus), kept);
    ASSERT_EQ(corpus.diagnostics.size(), message_lines.size());
    for (size_t i = 0; i < message_lines.size(); ++i) {
      EXPECT_EQ(corpus.diagnostics[i].line, message_lines[i]);
    }
    ASSERT_FALSE(corpus.documents.empty());
    EXPECT_EQ(corpus.documents.back().input_line, 3999);
    EXPECT_EQ(corpus.documents.back().text, filler);
  }
}

TEST_F(ReaderTest, DiagnosticsIncludingDuplicatesAreInInputOrder) {
  // reader.h: diagnostics are "in input order". A duplicate on line 1 of the
  // second file comes before a malformed line 2 of the same file, and both
  // after the first file's warning.
  const std::string first = Write("a.jsonl",
                                  "{\"id\": 1, \"text\": \"a\", \"published\": \"bad\"}\n");
  const std::string second = Write("b.jsonl",
                                   "{\"id\": 1, \"text\": \"dup\"}\n"
                                   "malformed\n");
  const Corpus corpus = ReadInputs({first, second}, {});
  ASSERT_EQ(corpus.diagnostics.size(), 3u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kWarning, first, 1);
  ExpectDiagnostic(corpus.diagnostics[1], Severity::kSkipped, second, 1);
  ExpectDiagnostic(corpus.diagnostics[2], Severity::kSkipped, second, 2);
}

TEST_F(ReaderTest, DirectoryReadsTxtAndJsonlRecursivelyInByteOrder) {
  Write("corpus/b.txt", "bee");
  Write("corpus/B.txt", "capital bee");
  Write("corpus/a.txt", "a dot txt");
  Write("corpus/a-b.txt", "a dash b");
  Write("corpus/a/z.txt", "nested z");
  Write("corpus/a/deeper/y.txt", "deeper y");
  Write("corpus/feed.jsonl", "{\"id\": 100, \"text\": \"from jsonl\"}\n");
  Write("corpus/notes.md", "ignored");
  Write("corpus/data.json", "{\"id\": 5, \"text\": \"ignored\"}");
  Write("corpus/README", "ignored");
  Write("corpus/a/old.txt.bak", "ignored");
  const std::string input = (dir_ / "corpus").string();
  const Corpus corpus = ReadInputs({input}, {});
  EXPECT_TRUE(corpus.diagnostics.empty());
  // Byte order of relative paths: 'B' 0x42 < 'a'; '-' 0x2D < '.' 0x2E < '/'
  // 0x2F; so a.txt sorts before the a/ subdirectory.
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"B.txt", "a-b.txt", "a.txt", "a/deeper/y.txt",
                                                   "a/z.txt", "b.txt", "100"}));
  ASSERT_EQ(corpus.documents.size(), 7u);
  EXPECT_EQ(corpus.documents[3].text, "deeper y");
  EXPECT_EQ(corpus.documents[3].id.is_integer, false);
  EXPECT_EQ(corpus.documents[6].id, (DocId{"100", true}));
  EXPECT_EQ(corpus.documents[6].text, "from jsonl");
  EXPECT_EQ(corpus.documents[6].input_line, 1);
  EXPECT_EQ(corpus.bytes_read, 11 + 3 + 9 + 8 + 8 + 8 + 34);
}

TEST_F(ReaderTest, DirectoryGivenWithTrailingSlashGivesTheSameIds) {
  Write("corpus/x.txt", "x");
  Write("corpus/sub/y.txt", "y");
  const Corpus corpus = ReadInputs({(dir_ / "corpus").string() + "/"}, {});
  EXPECT_TRUE(corpus.diagnostics.empty());
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"sub/y.txt", "x.txt"}));
}

TEST_F(ReaderTest, NonAsciiFileNamesSortByBytes) {
  Write("corpus/z.txt", "z");
  Write("corpus/\xC3\xA9t\xC3\xA9.txt", "été");  // été.txt: 0xC3 > 'z'
  Write("corpus/Z.txt", "Z");
  const Corpus corpus = ReadInputs({(dir_ / "corpus").string()}, {});
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"Z.txt", "z.txt", "\xC3\xA9t\xC3\xA9.txt"}));
}

TEST_F(ReaderTest, Windows1252TxtFileIsDecodedWithAWarning) {
  const std::string file = Write("corpus/old.txt", "He said \x93no\x94 \x96 caf\xE9.");
  Write("corpus/new.txt", "fine");
  const Corpus corpus = ReadInputs({(dir_ / "corpus").string()}, {});
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_EQ(corpus.documents[0].id.value, "new.txt");
  EXPECT_EQ(corpus.documents[1].id.value, "old.txt");
  EXPECT_EQ(corpus.documents[1].text, "He said “no” – café.");
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kWarning, file, 0);
  EXPECT_EQ(corpus.records_skipped, 0);
}

TEST_F(ReaderTest, MissingPathIsASkippedDiagnosticAndOtherInputsAreStillRead) {
  const std::string missing = (dir_ / "does-not-exist.jsonl").string();
  const std::string good = Write("good.jsonl", "{\"id\": 1, \"text\": \"a\"}\n");
  const Corpus corpus = ReadInputs({missing, good}, {});
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"1"}));
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  ExpectDiagnostic(corpus.diagnostics[0], Severity::kSkipped, missing, 0);
  EXPECT_EQ(corpus.records_skipped, 1);
  EXPECT_EQ(corpus.diagnostics[0].ToString().rfind(missing + ": skipped: ", 0), 0u)
      << corpus.diagnostics[0].ToString();
}

TEST_F(ReaderTest, RecordsSkippedCountsSkipsButNotWarnings) {
  const std::string file = Write("mixed.jsonl",
                                 "{\"id\": 1, \"text\": \"a\", \"published\": \"bad\"}\n"
                                 "{\"id\": 2, \"text\": \"\x93w\x94\"}\n"
                                 "{\"id\": 3}\n"
                                 "{\"id\": 1, \"text\": \"dup\"}\n");
  const std::string missing = (dir_ / "nope").string();
  const Corpus corpus = ReadInputs({file, missing}, {});
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(corpus.diagnostics.size(), 5u);  // 2 warnings, 3 skips
  EXPECT_EQ(corpus.records_skipped, 3);
}

TEST_F(ReaderTest, InputsAreReadInTheOrderGiven) {
  const std::string b = Write("b.jsonl", "{\"id\": \"b\", \"text\": \"b\"}\n");
  const std::string a = Write("a.jsonl", "{\"id\": \"a\", \"text\": \"a\"}\n");
  const Corpus corpus = ReadInputs({b, a}, {});
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"b", "a"}));
}

// Generates `lines` JSONL lines with a bad record every 97th line, a
// Windows-1252 one every 89th, a bad date every 83rd and blank lines.
std::string GeneratedJsonl(int lines) {
  std::string out;
  for (int i = 1; i <= lines; ++i) {
    if (i % 97 == 0) {
      out += "{\"id\": " + std::to_string(i) + ", \"text\": \n";
    } else if (i % 89 == 0) {
      out += "{\"id\": \"s" + std::to_string(i) + "\", \"text\": \"\x93w1252\x94 " +
             std::to_string(i) + "\"}\n";
    } else if (i % 83 == 0) {
      out += "{\"id\": " + std::to_string(i) + ", \"text\": \"t\", \"published\": \"no\"}\n";
    } else if (i % 71 == 0) {
      out += "\n";
    } else {
      out += "{\"id\": " + std::to_string(i) + ", \"text\": \"article number " + std::to_string(i) +
             "\", \"source\": \"src" + std::to_string(i % 7) + "\", \"published\": \"2025-11-" +
             (i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1) + "T08:30:00Z\"}\n";
    }
  }
  return out;
}

TEST_F(ReaderTest, ResultsAreIdenticalForOneAndFourThreads) {
  const int kLines = 5000;
  const std::string file = Write("big.jsonl", GeneratedJsonl(kLines));
  const Corpus one = ReadInputs({file}, ReadOptions{.threads = 1});
  const Corpus four = ReadInputs({file}, ReadOptions{.threads = 4});

  // Independent expectations from the generator's pattern.
  int bad = 0, w1252 = 0, bad_date = 0, blank = 0;
  for (int i = 1; i <= kLines; ++i) {
    if (i % 97 == 0) ++bad;
    else if (i % 89 == 0) ++w1252;
    else if (i % 83 == 0) ++bad_date;
    else if (i % 71 == 0) ++blank;
  }
  EXPECT_EQ(one.documents.size(), static_cast<size_t>(kLines - bad - blank));
  EXPECT_EQ(one.diagnostics.size(), static_cast<size_t>(bad + w1252 + bad_date));
  EXPECT_EQ(one.records_skipped, bad);

  ASSERT_EQ(one.documents.size(), four.documents.size());
  for (size_t i = 0; i < one.documents.size(); ++i) {
    const Document& x = one.documents[i];
    const Document& y = four.documents[i];
    ASSERT_EQ(x.id, y.id) << i;
    ASSERT_EQ(x.text, y.text) << i;
    ASSERT_EQ(x.source, y.source) << i;
    ASSERT_EQ(x.published, y.published) << i;
    ASSERT_EQ(x.published_text, y.published_text) << i;
    ASSERT_EQ(x.input_file, y.input_file) << i;
    ASSERT_EQ(x.input_line, y.input_line) << i;
  }
  // Documents come out in line order, each remembering its line.
  for (size_t i = 1; i < one.documents.size(); ++i) {
    ASSERT_LT(one.documents[i - 1].input_line, one.documents[i].input_line);
  }
  ASSERT_EQ(one.diagnostics.size(), four.diagnostics.size());
  for (size_t i = 0; i < one.diagnostics.size(); ++i) {
    EXPECT_EQ(one.diagnostics[i].ToString(), four.diagnostics[i].ToString()) << i;
  }
  EXPECT_EQ(one.records_skipped, four.records_skipped);
  EXPECT_EQ(one.bytes_read, four.bytes_read);
  // Spot-check a Windows-1252 line and a plain one.
  const auto find = [&](const DocId& id) -> const Document* {
    for (const Document& d : four.documents) {
      if (d.id == id) return &d;
    }
    return nullptr;
  };
  const Document* decoded = find(DocId{"s89", false});
  ASSERT_NE(decoded, nullptr);
  EXPECT_EQ(decoded->text, "“w1252” 89");
  EXPECT_EQ(decoded->input_line, 89);
  const Document* plain = find(DocId{"4999", true});
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->text, "article number 4999");
  EXPECT_EQ(plain->input_line, 4999);
}

// Every kind of line a JSONL file can hold, lines of one to several
// thousand bytes among them, so that small pieces and blocks cut them
// everywhere: inside lines, at newlines, inside a blank run.
std::string MixedJsonl() {
  std::string out = "\xEF\xBB\xBF";  // a byte order mark, which is not text
  for (int i = 1; i <= 400; ++i) {
    const std::string words(static_cast<size_t>((i * 37) % 2900), i % 2 ? 'a' : 'b');
    switch (i % 11) {
      case 0:  // blank lines
        out += "\n\n   \n";
        break;
      case 1:  // malformed
        out += absl::StrCat("{\"id\":", i, ",\"text\":\"cut ", words, "\n");
        break;
      case 2:  // an id seen before, for some
        out += absl::StrCat("{\"id\":", i / 2, ",\"text\":\"again\"}\n");
        break;
      case 3:  // Windows-1252
        out += absl::StrCat("{\"id\":\"s", i, "\",\"text\":\"\x93w1252\x94 ", words, "\"}\n");
        break;
      case 4:  // escapes, and a carriage return before the newline
        out += absl::StrCat("{\"id\":", i, ",\"text\":\"quote \\\" tab \\t \\u00e9 ", words,
                            "\"}\r\n");
        break;
      case 5:  // a warning, and the record kept
        out += absl::StrCat("{\"id\":", i, ",\"text\":\"", words, "\",\"published\":\"bad\"}\n");
        break;
      default:
        out += absl::StrCat("{\"id\":", i, ",\"text\":\"article ", i, " ", words,
                            "\",\"source\":\"s", i % 5, "\",\"title\":\"t\",\"url\":\"u\"}\n");
    }
  }
  return out + "{\"id\":\"last\",\"text\":\"no newline at the end\"}";
}

void ExpectSameCorpus(const Corpus& expected, const Corpus& actual) {
  ASSERT_EQ(Ids(expected), Ids(actual));
  for (size_t i = 0; i < expected.documents.size(); ++i) {
    const Document& x = expected.documents[i];
    const Document& y = actual.documents[i];
    ASSERT_EQ(x.text, y.text) << x.id.value;
    ASSERT_EQ(x.id.is_integer, y.id.is_integer) << x.id.value;
    ASSERT_EQ(x.source, y.source) << x.id.value;
    ASSERT_EQ(x.title, y.title) << x.id.value;
    ASSERT_EQ(x.url, y.url) << x.id.value;
    ASSERT_EQ(x.published, y.published) << x.id.value;
    ASSERT_EQ(x.input_line, y.input_line) << x.id.value;
  }
  ASSERT_EQ(expected.diagnostics.size(), actual.diagnostics.size());
  for (size_t i = 0; i < expected.diagnostics.size(); ++i) {
    EXPECT_EQ(expected.diagnostics[i].ToString(), actual.diagnostics[i].ToString()) << i;
  }
}

// A regular file is read in pieces, each parsing the lines that start in
// it; the whole content parsed at once is the oracle.
TEST_F(ReaderTest, FileReadInPiecesGivesWhatTheWholeContentGives) {
  const std::string content = MixedJsonl();
  const std::string file = Write("mixed.jsonl", content);
  Corpus whole;
  ReadJsonl(file, content, ReadOptions{.threads = 1}, &whole);
  ASSERT_GT(whole.documents.size(), 250u);
  ASSERT_GT(whole.diagnostics.size(), 100u);
  struct Sizes {
    size_t block, piece;
  };
  for (const Sizes sizes : {Sizes{64, 16}, Sizes{1000, 7}, Sizes{4096, 1024}, Sizes{10000, 3000},
                            Sizes{100000, 100000}, Sizes{0, 0}}) {
    for (const int threads : {1, 3}) {
      SCOPED_TRACE(::testing::Message() << "block " << sizes.block << ", piece " << sizes.piece
                                        << ", threads " << threads);
      const JsonlBlockSizes block_sizes = sizes.block == 0 ? JsonlBlockSizes{}
                                                           : JsonlBlockSizes{sizes.block, sizes.piece};
      const Corpus pieces =
          ReadInputs({file}, ReadOptions{.threads = threads}, PosixInputFileSystem(), block_sizes);
      ExpectSameCorpus(whole, pieces);
      EXPECT_EQ(pieces.bytes_read, static_cast<int64_t>(content.size()));
    }
  }
}

// A line longer than the article limit that runs over several pieces and
// blocks is measured, not held, and reported with its own line and size.
TEST_F(ReaderTest, OverlongLineAcrossPiecesIsSkippedWithItsSize) {
  std::string content = "{\"id\":1,\"text\":\"before\"}\n{\"id\":2,\"text\":\"";
  content.append(size_t{3} << 20, 'x');
  content += "\"}\n{\"id\":3,\"text\":\"after\"}\n";
  const std::string file = Write("long.jsonl", content);
  ReadOptions options{.threads = 2};
  options.max_article_bytes = int64_t{1} << 20;
  Corpus whole;
  ReadJsonl(file, content, options, &whole);
  const Corpus pieces =
      ReadInputs({file}, options, PosixInputFileSystem(), JsonlBlockSizes{size_t{1} << 20, 4096});
  ExpectSameCorpus(whole, pieces);
  EXPECT_EQ(Ids(pieces), (std::vector<std::string>{"1", "3"}));
  ASSERT_EQ(pieces.diagnostics.size(), 1u);
  EXPECT_EQ(pieces.diagnostics[0].line, 2);
  EXPECT_NE(pieces.diagnostics[0].message.find("article of 3 MB is over the limit of 1 MB"),
            std::string::npos)
      << pieces.diagnostics[0].message;
}

}  // namespace
}  // namespace reprint

// ----------------------------------------------------------------- hostile input

namespace reprint {
namespace {

using Severity = Diagnostic::Severity;

std::string Utf16(std::u16string_view text, bool big_endian, bool bom) {
  std::string out;
  if (bom) out += big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (const char16_t unit : text) {
    const char high = static_cast<char>(unit >> 8), low = static_cast<char>(unit & 0xFF);
    out += big_endian ? std::string{high, low} : std::string{low, high};
  }
  return out;
}

class HostileInputTest : public test::TempDirTest {};

TEST_F(HostileInputTest, Utf16TextIsDecodedWithOrWithoutAByteOrderMark) {
  const std::u16string text = u"Caf\u00e9 na\u00efve \U0001F600 r\u00e9sum\u00e9 of the week";
  const std::string expected = "Caf\xC3\xA9 na\xC3\xAFve \xF0\x9F\x98\x80 r\xC3\xA9sum\xC3\xA9 of the week";
  for (const bool big_endian : {false, true}) {
    for (const bool bom : {true, false}) {
      const std::string file = Write("utf16.txt", Utf16(text, big_endian, bom));
      const Corpus corpus = ReadInputs({file}, {});
      ASSERT_EQ(corpus.documents.size(), 1u) << big_endian << bom;
      EXPECT_EQ(corpus.documents[0].text, expected) << big_endian << bom;
      ASSERT_EQ(corpus.diagnostics.size(), 1u);
      EXPECT_EQ(corpus.diagnostics[0].severity, Severity::kWarning);
      EXPECT_NE(corpus.diagnostics[0].message.find(big_endian ? "UTF-16BE" : "UTF-16LE"), std::string::npos)
          << corpus.diagnostics[0].message;
    }
  }
  // A whole JSONL file in UTF-16 reads too.
  const std::string jsonl = Write("utf16.jsonl", Utf16(u"{\"id\": 1, \"text\": \"na\u00efve\"}\n", false, true));
  const Corpus corpus = ReadInputs({jsonl}, {});
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].text, "na\xC3\xAFve");
}

TEST_F(HostileInputTest, Utf16JsonlLongerThanOneReadBlockIsReadWhole) {
  // Over 16 MB once encoded: the first block is read in parallel, the rest
  // by stdio from where that read stopped.
  std::u16string content;
  constexpr int kRecords = 9000;
  const std::u16string filler(1000, u'w');
  for (int i = 1; i <= kRecords; ++i) {
    const std::string head = absl::StrCat("{\"id\":", i, ",\"text\":\"");
    content += std::u16string(head.begin(), head.end()) + filler + u"\"}\n";
  }
  const Corpus corpus = ReadInputs({Write("long16.jsonl", Utf16(content, false, true))}, {});
  ASSERT_EQ(corpus.documents.size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(corpus.documents.back().id.value, std::to_string(kRecords));
  EXPECT_EQ(corpus.documents.back().input_line, kRecords);
}

// Without a byte order mark, UTF-16 shows in NUL bytes at every other
// offset, which takes more than the first few bytes to see.
TEST_F(HostileInputTest, Utf16JsonlWithoutAByteOrderMarkIsDecoded) {
  for (const bool big_endian : {false, true}) {
    SCOPED_TRACE(big_endian ? "big-endian" : "little-endian");
    const std::u16string content =
        u"{\"id\": 1, \"text\": \"na\u00efve\"}\n{\"id\": 2, \"text\": \"two\"}\n";
    const Corpus corpus =
        ReadInputs({Write("nobom16.jsonl", Utf16(content, big_endian, false))}, {});
    ASSERT_EQ(corpus.documents.size(), 2u);
    EXPECT_EQ(corpus.documents[0].text, "na\u00efve");
    EXPECT_EQ(corpus.documents[1].input_line, 2);
    ASSERT_EQ(corpus.diagnostics.size(), 1u);
    EXPECT_NE(corpus.diagnostics[0].message.find("no byte order mark"), std::string::npos)
        << corpus.diagnostics[0].message;
  }
}

// Only the first byte order mark is not text: a second one starts the line.
TEST_F(HostileInputTest, ASecondByteOrderMarkIsPartOfTheFirstLine) {
  for (const std::string ending : {"", "\n"}) {  // the line left to the stream reader, or not
    const std::string content = "\xEF\xBB\xBF\xEF\xBB\xBF{\"id\":1,\"text\":\"a\"}" + ending;
    const Corpus corpus = ReadInputs({Write("boms.jsonl", content)}, {});
    EXPECT_TRUE(corpus.documents.empty());
    ASSERT_EQ(corpus.diagnostics.size(), 1u);
    EXPECT_EQ(corpus.diagnostics[0].line, 1);
    EXPECT_NE(corpus.diagnostics[0].message.find("malformed JSON"), std::string::npos)
        << corpus.diagnostics[0].message;
  }
}

TEST_F(HostileInputTest, Latin1TextDecodesAsWindows1252) {
  const Corpus corpus = ReadInputs({Write("latin1.txt", "Caf\xE9 cr\xE8me br\xFBl\xE9" "e")}, {});
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].text, "Caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e");
  EXPECT_EQ(corpus.diagnostics.size(), 1u);  // the decoding warning
}

TEST_F(HostileInputTest, NulBytesSeparateWordsInTextAndBreakJsonStrings) {
  const std::string text("one\0two three", 13);
  const Corpus plain = ReadInputs({Write("nul.txt", text)}, {});
  ASSERT_EQ(plain.documents.size(), 1u);
  EXPECT_EQ(plain.documents[0].text, text);
  // Inside a JSON string a raw NUL is invalid JSON: that record is skipped.
  const std::string with_nul = std::string("{\"id\":1,\"text\":\"a") + '\0' + "b\"}\n{\"id\":2,\"text\":\"ok\"}\n";
  const Corpus jsonl = ReadInputs({Write("nul.jsonl", with_nul)}, {});
  ASSERT_EQ(jsonl.documents.size(), 1u);
  EXPECT_EQ(jsonl.documents[0].id.value, "2");
  ASSERT_EQ(jsonl.diagnostics.size(), 1u);
  EXPECT_EQ(jsonl.diagnostics[0].line, 1);
}

TEST_F(HostileInputTest, OverlongJsonlLineIsSkippedAsItStreamsPastAndTheRestIsRead) {
  // A 40 MB line between two small ones, against an 8 MB limit: skipped
  // without ever being held whole (it spans several read blocks).
  std::string content = "{\"id\":1,\"text\":\"before\"}\n{\"id\":2,\"text\":\"";
  content.append(size_t{40} << 20, 'x');
  content += "\"}\n{\"id\":3,\"text\":\"after\"}\n";
  ReadOptions options;
  options.max_article_bytes = int64_t{8} << 20;
  const Corpus corpus = ReadInputs({Write("long.jsonl", content)}, options);
  std::vector<std::string> ids;
  for (const Document& doc : corpus.documents) ids.push_back(doc.id.value);
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "3"}));
  EXPECT_EQ(corpus.documents[1].input_line, 3);
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  EXPECT_EQ(corpus.diagnostics[0].severity, Severity::kSkipped);
  EXPECT_EQ(corpus.diagnostics[0].line, 2);
  EXPECT_NE(corpus.diagnostics[0].message.find("article of 40 MB is over the limit of 8 MB"), std::string::npos)
      << corpus.diagnostics[0].message;
}

TEST_F(HostileInputTest, RecordsAcrossReadBlocksKeepTheirOrderAndLineNumbers) {
  // About 40 MB of 1 KB records: three 16 MB read blocks, records cut at
  // every block edge. A malformed record and a repeated id deep inside must
  // be reported with their own line numbers, and every other record read in
  // order.
  constexpr int kRecords = 40000;
  const std::string filler(1000, 'w');
  std::string content;
  for (int i = 1; i <= kRecords; ++i) {
    if (i == 20001) {
      content += "{\"id\":20001,\"text\":\"cut\n";  // malformed
    } else if (i == 35000) {
      content += "{\"id\":7,\"text\":\"again\"}\n";  // id 7 is taken
    } else {
      content += absl::StrCat("{\"id\":", i, ",\"text\":\"", filler, "\"}\n");
    }
  }
  const Corpus corpus = ReadInputs({Write("blocks.jsonl", content)}, {});
  ASSERT_EQ(corpus.documents.size(), static_cast<size_t>(kRecords - 2));
  int expected = 1;
  for (const Document& doc : corpus.documents) {
    if (expected == 20001 || expected == 35000) ++expected;
    ASSERT_EQ(doc.id.value, std::to_string(expected));
    ASSERT_EQ(doc.input_line, expected);
    ++expected;
  }
  ASSERT_EQ(corpus.diagnostics.size(), 2u);
  EXPECT_EQ(corpus.diagnostics[0].line, 20001);
  EXPECT_EQ(corpus.diagnostics[1].line, 35000);
  EXPECT_NE(corpus.diagnostics[1].message.find("duplicate id"), std::string::npos);
}

TEST_F(HostileInputTest, OverlongTextFileIsSkippedWithItsSize) {
  ReadOptions options;
  options.max_article_bytes = 1000;
  const Corpus corpus = ReadInputs({Write("big.txt", std::string(5000, 'a')), Write("ok.txt", "fine")}, options);
  ASSERT_EQ(corpus.documents.size(), 1u);
  ASSERT_EQ(corpus.diagnostics.size(), 1u);
  EXPECT_NE(corpus.diagnostics[0].message.find("over the limit"), std::string::npos);
  EXPECT_EQ(corpus.records_skipped, 1);
}

TEST_F(HostileInputTest, DeeplyNestedAndTruncatedJsonAreSkippedByLine) {
  std::string deep = "{\"id\":1,\"text\":\"t\",\"x\":";
  deep += std::string(100000, '[') + std::string(100000, ']') + "}";
  const std::string content = deep + "\n{\"id\":2,\"text\":\"ok\"}\n{\"id\":3,\"text\":\"cut";
  const Corpus corpus = ReadInputs({Write("nested.jsonl", content)}, {});
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].id.value, "2");
  ASSERT_EQ(corpus.diagnostics.size(), 2u);
  EXPECT_EQ(corpus.diagnostics[0].line, 1);
  EXPECT_EQ(corpus.diagnostics[1].line, 3);
  EXPECT_NE(corpus.diagnostics[1].message.find("malformed JSON"), std::string::npos);
}

TEST_F(HostileInputTest, EmptyWhitespaceAndOneWordTextsAreRead) {
  const Corpus corpus = ReadInputs(
      {Write("edge.jsonl", "{\"id\":1,\"text\":\"\"}\n{\"id\":2,\"text\":\" \\n\\t \"}\n{\"id\":3,\"text\":\"word\"}\n")},
      {});
  EXPECT_EQ(corpus.documents.size(), 3u);
  EXPECT_TRUE(corpus.diagnostics.empty());
}

TEST_F(HostileInputTest, DirectorySymlinkLoopIsNotFollowed) {
  fs::create_directories(dir_ / "tree" / "sub");
  Write("tree/sub/a.txt", "alpha");
  fs::create_directory_symlink(dir_ / "tree", dir_ / "tree" / "sub" / "loop");
  const Corpus corpus = ReadInputs({(dir_ / "tree").string()}, {});
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].id.value, "sub/a.txt");
}

TEST_F(HostileInputTest, UnreadableFileIsSkippedAndTheRestIsRead) {
  const std::string locked = Write("locked.txt", "secret");
  const std::string open = Write("open.txt", "public");
  fs::permissions(locked, fs::perms::none);
  auto check = [&] {
    const Corpus corpus = ReadInputs({locked, open}, {});
    return corpus.documents.size() == 1 && corpus.diagnostics.size() == 1 &&
           corpus.diagnostics[0].message.find("cannot read: Permission denied") != std::string::npos;
  };
  if (::geteuid() != 0) {
    EXPECT_TRUE(check());
    return;
  }
  // Root reads any file: check as the unprivileged user nobody, in a child.
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(open, fs::perms::owner_read | fs::perms::others_read);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const bool dropped = ::setgroups(0, nullptr) == 0 && ::setgid(65534) == 0 && ::setuid(65534) == 0;
    _exit(dropped && check() ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_F(HostileInputTest, DirectoryNamedLikeATextFileIsSkippedAsUnreadable) {
  fs::create_directories(dir_ / "odd.txt");
  const Corpus corpus = ReadInputs({(dir_ / "odd.txt").string() + "/../odd.txt"}, {});
  EXPECT_TRUE(corpus.documents.empty());
  EXPECT_EQ(corpus.records_skipped, 0);  // a directory: read recursively, and it is empty
}

TEST_F(HostileInputTest, FileGrowingWhileReadGivesWholeRecordsOrNamedSkips) {
  const std::string file = Write("growing.jsonl", "");
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    std::ofstream out(file, std::ios::binary | std::ios::app);
    for (int i = 0; !stop.load() && i < 200000; ++i) {
      out << "{\"id\":" << i << ",\"text\":\"record number " << i << " of a file that keeps growing\"}\n";
      if (i % 100 == 0) out.flush();
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const Corpus corpus = ReadInputs({file}, {});
  stop = true;
  writer.join();
  for (const Document& doc : corpus.documents) {
    EXPECT_EQ(doc.text, "record number " + doc.id.value + " of a file that keeps growing");
  }
  // At most the last line read can be cut mid-write; it is named, not lost
  // silently. That the file grew past its size when opened is a warning.
  int skipped = 0;
  for (const Diagnostic& d : corpus.diagnostics) {
    if (d.severity == Severity::kSkipped) {
      ++skipped;
    } else {
      EXPECT_EQ(d.line, 0) << d.ToString();
      EXPECT_EQ(d.message.rfind("grew while read: ", 0), 0u) << d.ToString();
    }
  }
  EXPECT_LE(skipped, 1);
  EXPECT_LE(corpus.diagnostics.size(), 2u);
}

}  // namespace
}  // namespace reprint

// ------------------------------------------------------------------ faults
//
// Through FaultInjectionFileSystem: reads that fail, come back short, or find
// a file of another size than it had when opened (core/jsonl_framer.h).

namespace reprint {
namespace {

// Ten records of 40-odd bytes: "{"id":1,"text":"record 1 ..."}".
std::string TenRecords() {
  std::string out;
  for (int i = 1; i <= 10; ++i) {
    out += absl::StrCat("{\"id\":", i, ",\"text\":\"record ", i, " of ten\"}\n");
  }
  return out;
}

// Where line `line` (1-based) of `content` starts.
int64_t LineStart(const std::string& content, int line) {
  size_t at = 0;
  for (int i = 1; i < line; ++i) at = content.find('\n', at) + 1;
  return static_cast<int64_t>(at);
}

std::vector<std::string> DiagnosticStrings(const Corpus& corpus) {
  std::vector<std::string> out;
  for (const Diagnostic& d : corpus.diagnostics) out.push_back(d.ToString());
  return out;
}

struct Framing {
  JsonlBlockSizes sizes;
  int threads;
  bool as_stream;
};

// Block and piece sizes that put the edges before, inside and after the
// faults, on one and three threads, read at offsets and as a stream.
std::vector<Framing> Framings() {
  std::vector<Framing> out;
  for (const JsonlBlockSizes sizes : {JsonlBlockSizes{}, JsonlBlockSizes{64, 16}, JsonlBlockSizes{100, 7},
                                      JsonlBlockSizes{1000, 1000}}) {
    for (const int threads : {1, 3}) {
      for (const bool as_stream : {false, true}) out.push_back({sizes, threads, as_stream});
    }
  }
  return out;
}

#define REPRINT_TRACE_FRAMING(f)                                                             \
  SCOPED_TRACE(::testing::Message() << "block " << (f).sizes.block_bytes << ", piece "      \
                                    << (f).sizes.piece_bytes << ", threads " << (f).threads \
                                    << ((f).as_stream ? ", stream" : ", at offsets"))

TEST_F(ReaderTest, ReadFailingMidLineKeepsTheLinesBeforeAndNamesTheLineItCut) {
  const std::string content = TenRecords();
  const std::string file = Write("fails.jsonl", content);
  const int64_t fail_at = LineStart(content, 6) + 10;  // inside line 6
  for (const Framing& f : Framings()) {
    REPRINT_TRACE_FRAMING(f);
    FaultInjectionFileSystem files;
    files.SetFaults(file, {.fail_at = fail_at, .as_stream = f.as_stream});
    const Corpus corpus = ReadInputs({file}, ReadOptions{.threads = f.threads}, files, f.sizes);
    EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"1", "2", "3", "4", "5"}));
    EXPECT_EQ(DiagnosticStrings(corpus),
              std::vector<std::string>{file + ":6: skipped: cannot read further: injected read error"});
    EXPECT_EQ(corpus.records_skipped, 1);
    EXPECT_EQ(corpus.bytes_read, fail_at);
  }
}

TEST_F(ReaderTest, ReadFailingAtALineStartNamesThatLine) {
  const std::string content = TenRecords();
  const std::string file = Write("fails.jsonl", content);
  for (const Framing& f : Framings()) {
    REPRINT_TRACE_FRAMING(f);
    FaultInjectionFileSystem files;
    files.SetFaults(file, {.fail_at = LineStart(content, 9), .as_stream = f.as_stream});
    const Corpus corpus = ReadInputs({file}, ReadOptions{.threads = f.threads}, files, f.sizes);
    EXPECT_EQ(corpus.documents.size(), 8u);
    EXPECT_EQ(DiagnosticStrings(corpus),
              std::vector<std::string>{file + ":9: skipped: cannot read further: injected read error"});
  }
}

TEST_F(ReaderTest, ReadFailingInTheFirstBytesSkipsTheFileAtLineOne) {
  const std::string file = Write("fails.jsonl", TenRecords());
  for (const bool as_stream : {false, true}) {
    FaultInjectionFileSystem files;
    files.SetFaults(file, {.fail_at = 0, .as_stream = as_stream});
    const std::string other = Write("other.jsonl", "{\"id\":\"x\",\"text\":\"still read\"}\n");
    const Corpus corpus = ReadInputs({file, other}, {}, files);
    EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"x"}));
    EXPECT_EQ(DiagnosticStrings(corpus),
              std::vector<std::string>{file + ":1: skipped: cannot read further: injected read error"});
  }
}

TEST_F(ReaderTest, ReadFailingOnStandardInputIsNamedStdin) {
  const std::string content = TenRecords();
  const std::string file = Write("stdin.jsonl", content);
  for (const bool as_stream : {false, true}) {
    FaultInjectionFileSystem files;
    files.SetStandardInput(file, {.fail_at = LineStart(content, 3) + 1, .as_stream = as_stream});
    const Corpus corpus = ReadInputs({"-"}, {}, files);
    EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(DiagnosticStrings(corpus),
              std::vector<std::string>{"<stdin>:3: skipped: cannot read further: injected read error"});
  }
}

TEST_F(ReaderTest, ReadFailingInAPlainTextFileSkipsItWhole) {
  const std::string file = Write("article.txt", "A plain article of a few words.");
  FaultInjectionFileSystem files;
  files.SetFaults(file, {.fail_at = 5});
  const Corpus corpus = ReadInputs({file}, {}, files);
  EXPECT_TRUE(corpus.documents.empty());
  EXPECT_EQ(DiagnosticStrings(corpus),
            std::vector<std::string>{file + ": skipped: cannot read: injected read error"});
  EXPECT_EQ(corpus.records_skipped, 1);
}

TEST_F(ReaderTest, ReadFailingInUtf16JsonlSkipsItWhole) {
  std::string utf16 = "\xFF\xFE";  // little-endian, with a byte order mark
  for (const char c : TenRecords()) utf16 += std::string{c, '\0'};
  utf16.append(6000, '\0');
  const std::string file = Write("utf16.jsonl", utf16);
  FaultInjectionFileSystem files;
  files.SetFaults(file, {.fail_at = 5000});  // past the first 4 KiB looked at
  const Corpus corpus = ReadInputs({file}, {}, files);
  EXPECT_TRUE(corpus.documents.empty());
  EXPECT_EQ(DiagnosticStrings(corpus),
            std::vector<std::string>{file + ": skipped: cannot read: injected read error"});
}

// Reads that return fewer bytes than asked, down to one at a time, are
// read on: the corpus is what the whole content gives.
TEST_F(ReaderTest, ShortReadsGiveTheSameCorpus) {
  const std::string content = MixedJsonl();
  const std::string file = Write("mixed.jsonl", content);
  Corpus whole;
  ReadJsonl(file, content, ReadOptions{.threads = 1}, &whole);
  for (const size_t max_read : {size_t{1}, size_t{7}, size_t{4096}}) {
    for (const Framing& f : Framings()) {
      // A byte at a time is slow, and crosses no edge the others do not.
      if (max_read == 1 && (f.sizes.block_bytes != 64 || f.threads != 1)) continue;
      REPRINT_TRACE_FRAMING(f);
      SCOPED_TRACE(::testing::Message() << "reads of at most " << max_read);
      FaultInjectionFileSystem files;
      files.SetFaults(file, {.max_read = max_read, .as_stream = f.as_stream});
      const Corpus corpus = ReadInputs({file}, ReadOptions{.threads = f.threads}, files, f.sizes);
      ExpectSameCorpus(whole, corpus);
      EXPECT_EQ(corpus.bytes_read, static_cast<int64_t>(content.size()));
      EXPECT_GT(files.reads(), static_cast<int64_t>(content.size() / max_read));
    }
  }
}

TEST_F(ReaderTest, ShortReadsOfAPlainTextFileGiveItWhole) {
  const std::string text(10000, 'w');
  const std::string file = Write("long.txt", text);
  FaultInjectionFileSystem files;
  files.SetFaults(file, {.max_read = 3});
  const Corpus corpus = ReadInputs({file}, {}, files);
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].text, text);
  EXPECT_TRUE(corpus.diagnostics.empty());
}

// The file was larger when opened than its reads find: it shrank.
TEST_F(ReaderTest, FileThatShrankWhileReadIsReadToItsEndWithAWarning) {
  const std::string content = TenRecords();
  const std::string file = Write("shrank.jsonl", content);
  const int64_t size = static_cast<int64_t>(content.size());
  for (const Framing& f : Framings()) {
    if (f.as_stream) continue;  // a stream has no size to compare with
    REPRINT_TRACE_FRAMING(f);
    FaultInjectionFileSystem files;
    files.SetFaults(file, {.claimed_size = size + 1000});
    const Corpus corpus = ReadInputs({file}, ReadOptions{.threads = f.threads}, files, f.sizes);
    EXPECT_EQ(corpus.documents.size(), 10u);
    EXPECT_EQ(DiagnosticStrings(corpus),
              std::vector<std::string>{absl::StrCat(file, ": warning: shrank while read: ", size + 1000,
                                                    " bytes when opened, ", size, " read")});
    EXPECT_EQ(corpus.records_skipped, 0);
    EXPECT_EQ(corpus.bytes_read, size);
  }
}

// Cut inside a line, the file's last line is read as such: here malformed.
TEST_F(ReaderTest, LineThatAShrinkingFileCutIsReadAsItsLastLine) {
  const std::string content = TenRecords();
  const int64_t cut = LineStart(content, 4) + 10;
  const std::string file = Write("cut.jsonl", content.substr(0, static_cast<size_t>(cut)));
  FaultInjectionFileSystem files;
  files.SetFaults(file, {.claimed_size = static_cast<int64_t>(content.size())});
  const Corpus corpus = ReadInputs({file}, {}, files);
  EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"1", "2", "3"}));
  ASSERT_EQ(corpus.diagnostics.size(), 2u);
  EXPECT_EQ(corpus.diagnostics[0].ToString().rfind(file + ":4: skipped: malformed JSON", 0), 0u)
      << corpus.diagnostics[0].ToString();
  EXPECT_EQ(corpus.diagnostics[1].ToString(),
            absl::StrCat(file, ": warning: shrank while read: ", content.size(), " bytes when opened, ",
                         cut, " read"));
}

// The file was smaller when opened than its reads find: it grew, and is
// read on to where its reads end.
TEST_F(ReaderTest, FileThatGrewWhileReadIsReadToItsEndWithAWarning) {
  const std::string content = TenRecords();
  const std::string file = Write("grew.jsonl", content);
  const int64_t size = static_cast<int64_t>(content.size());
  for (const Framing& f : Framings()) {
    if (f.as_stream) continue;
    REPRINT_TRACE_FRAMING(f);
    FaultInjectionFileSystem files;
    files.SetFaults(file, {.claimed_size = LineStart(content, 3)});
    const Corpus corpus = ReadInputs({file}, ReadOptions{.threads = f.threads}, files, f.sizes);
    EXPECT_EQ(corpus.documents.size(), 10u);
    EXPECT_EQ(DiagnosticStrings(corpus),
              std::vector<std::string>{absl::StrCat(file, ": warning: grew while read: ",
                                                    LineStart(content, 3), " bytes when opened, ", size,
                                                    " read")});
    EXPECT_EQ(corpus.bytes_read, size);
  }
}

// An overlong line that a read failure cuts is dropped with the failure,
// not reported as too long.
TEST_F(ReaderTest, ReadFailingInsideAnOverlongLineReportsOnlyTheFailure) {
  std::string content = "{\"id\":1,\"text\":\"before\"}\n{\"id\":2,\"text\":\"";
  content.append(5000, 'x');
  content += "\"}\n{\"id\":3,\"text\":\"after\"}\n";
  const std::string file = Write("long.jsonl", content);
  ReadOptions options{.threads = 2};
  options.max_article_bytes = 1000;
  for (const bool as_stream : {false, true}) {
    FaultInjectionFileSystem files;
    files.SetFaults(file, {.fail_at = 4000, .as_stream = as_stream});
    const Corpus corpus = ReadInputs({file}, options, files, JsonlBlockSizes{512, 128});
    EXPECT_EQ(Ids(corpus), (std::vector<std::string>{"1"}));
    EXPECT_EQ(DiagnosticStrings(corpus),
              std::vector<std::string>{file + ":2: skipped: cannot read further: injected read error"});
  }
}

}  // namespace
}  // namespace reprint
