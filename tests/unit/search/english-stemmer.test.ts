import { describe, expect, it } from "vitest";
import { stemEnglishWord } from "@/lib/search/english-stemmer";

// Input → stem pairs from Porter's paper and the outputs of his reference implementation.
const cases: Array<[string, string]> = [
  // step 1a
  ["caresses", "caress"], ["ponies", "poni"], ["ties", "ti"], ["caress", "caress"], ["cats", "cat"],
  // step 1b
  ["feed", "feed"], ["agreed", "agre"], ["plastered", "plaster"], ["bled", "bled"], ["motoring", "motor"], ["sing", "sing"],
  ["conflated", "conflat"], ["troubled", "troubl"], ["sized", "size"], ["hopping", "hop"], ["tanned", "tan"], ["falling", "fall"],
  ["hissing", "hiss"], ["fizzed", "fizz"], ["failing", "fail"], ["filing", "file"],
  // step 1c
  ["happy", "happi"], ["sky", "sky"],
  // step 2 (with the reference implementation's "bli" and "logi")
  ["relational", "relat"], ["conditional", "condit"], ["rational", "ration"], ["valenci", "valenc"], ["hesitanci", "hesit"],
  ["digitizer", "digit"], ["conformabli", "conform"], ["radicalli", "radic"], ["differentli", "differ"], ["vileli", "vile"],
  ["analogousli", "analog"], ["vietnamization", "vietnam"], ["predication", "predic"], ["operator", "oper"], ["feudalism", "feudal"],
  ["decisiveness", "decis"], ["hopefulness", "hope"], ["callousness", "callous"], ["formaliti", "formal"], ["sensitiviti", "sensit"],
  ["sensibiliti", "sensibl"], ["archaeologi", "archaeolog"],
  // step 3
  ["triplicate", "triplic"], ["formative", "form"], ["formalize", "formal"], ["electriciti", "electr"], ["electrical", "electr"],
  ["hopeful", "hope"], ["goodness", "good"],
  // step 4
  ["revival", "reviv"], ["allowance", "allow"], ["inference", "infer"], ["airliner", "airlin"], ["gyroscopic", "gyroscop"],
  ["adjustable", "adjust"], ["defensible", "defens"], ["irritant", "irrit"], ["replacement", "replac"], ["adjustment", "adjust"],
  ["dependent", "depend"], ["adoption", "adopt"], ["homologou", "homolog"], ["communism", "commun"], ["activate", "activ"],
  ["angulariti", "angular"], ["homologous", "homolog"], ["effective", "effect"], ["bowdlerize", "bowdler"], ["opinion", "opinion"],
  // step 5
  ["probate", "probat"], ["rate", "rate"], ["cease", "ceas"], ["controll", "control"], ["roll", "roll"],
  // whole words through every step
  ["generalizations", "gener"], ["oscillators", "oscil"], ["connection", "connect"], ["connections", "connect"],
  ["connected", "connect"], ["connecting", "connect"], ["running", "run"], ["runs", "run"], ["yes", "ye"], ["toy", "toi"],
];

describe("stemEnglishWord", () => {
  it.each(cases)("%s → %s", (word, stem) => {
    expect(stemEnglishWord(word)).toBe(stem);
  });

  it("folds the issue's example onto one stem", () => {
    expect(new Set(["spark", "sparks", "sparked", "sparking"].map(stemEnglishWord))).toEqual(new Set(["spark"]));
  });

  it("leaves short words, digits, capitals and other scripts alone", () => {
    for (const word of ["as", "is", "a", "gpt4", "3", "Sparks", "café", "星火", ""]) expect(stemEnglishWord(word)).toBe(word);
  });
});
