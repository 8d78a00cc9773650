// Reading single JSON fields as text: right on what the recorder writes, and "don't know"
// (for the caller to parse properly) rather than a wrong answer on anything else.
#include "JsonFields.h"

#include <gtest/gtest.h>

using namespace looplab;

namespace {

TEST(JsonFields, FindsTopLevelFieldsPastNestedValuesAndStrings) {
    const std::string info =
        R"({"wait":{"kind":"lock","obj":3,"name":"a \"}\" lock"},"chain":["main","x]"],)"
        R"( "locals" : {"obj": "not this one", "n": [1, {"kind": 2}]}, "depth": -12})";
    EXPECT_EQ(jsonField(info, "wait"), R"({"kind":"lock","obj":3,"name":"a \"}\" lock"})");
    EXPECT_EQ(jsonField(info, "chain"), R"(["main","x]"])");
    EXPECT_EQ(jsonField(info, "depth"), "-12");
    EXPECT_EQ(jsonField(info, "obj"), ""); // only inside other values
    EXPECT_EQ(jsonField(info, "missing"), "");
    EXPECT_EQ(jsonField(jsonField(info, "wait"), "obj"), "3");
    EXPECT_EQ(jsonField("[1,2]", "kind"), "");
    EXPECT_EQ(jsonField("", "kind"), "");
    EXPECT_EQ(jsonField(R"({"kind":"sleep","until":)", "until"), ""); // cut short
}

TEST(JsonFields, PlainStringsIntegersAndArrays) {
    EXPECT_EQ(jsonPlainString(R"("sleep")"), std::string_view("sleep"));
    EXPECT_EQ(jsonPlainString(R"("")"), std::string_view(""));
    EXPECT_FALSE(jsonPlainString(R"("a \"b\"")")); // escapes: parse it properly
    EXPECT_FALSE(jsonPlainString("12"));
    EXPECT_FALSE(jsonPlainString(""));

    EXPECT_EQ(jsonInteger("42"), 42);
    EXPECT_EQ(jsonInteger("-7"), -7);
    EXPECT_FALSE(jsonInteger("1.5"));
    EXPECT_FALSE(jsonInteger(R"("3")"));
    EXPECT_FALSE(jsonInteger(""));

    const auto ids = jsonArrayItems(R"([2, 3 ,"x,y", {"a": [1]}])");
    ASSERT_TRUE(ids);
    EXPECT_EQ(*ids, (std::vector<std::string_view>{"2", "3", R"("x,y")", R"({"a": [1]})"}));
    EXPECT_TRUE(jsonArrayItems("[]")->empty());
    EXPECT_TRUE(jsonArrayItems("")->empty());     // an absent field: no items
    EXPECT_TRUE(jsonArrayItems("null")->empty()); // not an array: no items, as QJsonValue
    EXPECT_FALSE(jsonArrayItems("[1, 2"));        // broken
}

} // namespace
