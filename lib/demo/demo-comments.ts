// Comments the demo's guests leave on the criterion that disappointed them
// most, in the two languages of the demo study.
export const demoComments: Record<string, Record<string, string[]>> = {
  professionalism: {
    en: ["The concierge could not answer simple questions about the area.", "Housekeeping missed half of what I asked for."],
    "zh-Hant": ["禮賓人員連附近的簡單問題都答不出來。", "房務人員漏做了我交代的一半事情。"],
  },
  attitudes: {
    en: ["The night staff seemed annoyed when I called.", "Nobody greeted us at the lobby."],
    "zh-Hant": ["晚班人員接到我的電話時顯得不耐煩。", "大廳沒有人招呼我們。"],
  },
  accessibility: {
    en: ["The shuttle timetable changed without notice.", "Hard to reach the front desk by phone."],
    "zh-Hant": ["接駁車時刻表改了也沒通知。", "電話很難打進櫃檯。"],
  },
  reliability: {
    en: [
      "My room was not ready until two hours after check-in time.",
      "The rate on my bill was higher than the one I booked.",
      "The late check-out I had confirmed was refused.",
    ],
    "zh-Hant": ["過了入住時間兩個小時房間還沒準備好。", "帳單上的房價比我訂房時的價格高。", "已經確認的延遲退房被拒絕了。"],
  },
  recovery: {
    en: [
      "I reported the broken air conditioning twice and nobody came.",
      "When the booking was lost they just told me to wait.",
      "No apology, no compensation for the noisy room.",
    ],
    "zh-Hant": ["冷氣壞了我反映兩次都沒人來處理。", "訂房資料不見了，他們只叫我等。", "房間很吵，沒有道歉也沒有任何補償。"],
  },
  reputation: {
    en: ["Not the value for money the brand suggests.", "Expected more from a hotel with this reputation."],
    "zh-Hant": ["價格與品牌形象不相符。", "以這家飯店的名氣來說，我期待更多。"],
  },
};
