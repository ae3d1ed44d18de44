/// Geographic country calling codes assigned by the ITU (E.164). Codes are prefix-free, so a
/// number's code is found by trying its first 1, 2 and 3 digits. Non-geographic codes
/// (800, 808, 870, 878, 881–883, 888, 979) are left out: they are not a customer's phone.
package let knownCallingCodes: Set<String> = [
    "1", "7",
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
    "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
    "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    "211", "212", "213", "216", "218",
    "220", "221", "222", "223", "224", "225", "226", "227", "228", "229",
    "230", "231", "232", "233", "234", "235", "236", "237", "238", "239",
    "240", "241", "242", "243", "244", "245", "246", "247", "248", "249",
    "250", "251", "252", "253", "254", "255", "256", "257", "258",
    "260", "261", "262", "263", "264", "265", "266", "267", "268", "269",
    "290", "291", "297", "298", "299",
    "350", "351", "352", "353", "354", "355", "356", "357", "358", "359",
    "370", "371", "372", "373", "374", "375", "376", "377", "378", "379",
    "380", "381", "382", "383", "385", "386", "387", "389",
    "420", "421", "423",
    "500", "501", "502", "503", "504", "505", "506", "507", "508", "509",
    "590", "591", "592", "593", "594", "595", "596", "597", "598", "599",
    "670", "672", "673", "674", "675", "676", "677", "678", "679",
    "680", "681", "682", "683", "685", "686", "687", "688", "689", "690", "691", "692",
    "850", "852", "853", "855", "856", "880", "886",
    "960", "961", "962", "963", "964", "965", "966", "967", "968",
    "970", "971", "972", "973", "974", "975", "976", "977",
    "992", "993", "994", "995", "996", "998",
]

/// How the national (significant) numbers of one country look.
package struct NationalNumberPlan: Sendable {
    /// ISO 3166-1 alpha-2 country.
    package let country: String
    /// Country calling code, without "+".
    package let callingCode: String
    /// Allowed digit counts of the national significant number (without trunk prefix).
    package let lengths: ClosedRange<Int>
    /// Allowed beginnings of the national significant number; empty means any.
    package let prefixes: [String]
    /// Prefix dialled inside the country and dropped in international format ("0", or "1" in NANP).
    package let trunkPrefix: String?
}

/// National numbering plans: countries where dealers and their customers live. Lengths are of the
/// national significant number; mobiles and landlines together.
package let nationalNumberPlans: [NationalNumberPlan] = [
    .init(country: "ES", callingCode: "34", lengths: 9...9, prefixes: ["6", "7", "8", "9"], trunkPrefix: nil),
    .init(country: "PT", callingCode: "351", lengths: 9...9, prefixes: ["2", "3", "7", "8", "9"], trunkPrefix: nil),
    .init(country: "FR", callingCode: "33", lengths: 9...9, prefixes: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: "0"),
    .init(country: "DE", callingCode: "49", lengths: 6...13, prefixes: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: "0"),
    .init(country: "IT", callingCode: "39", lengths: 6...11, prefixes: ["0", "3", "8"], trunkPrefix: nil),
    .init(country: "GB", callingCode: "44", lengths: 9...10, prefixes: ["1", "2", "3", "5", "7", "8", "9"], trunkPrefix: "0"),
    .init(country: "IE", callingCode: "353", lengths: 7...9, prefixes: ["1", "2", "4", "5", "6", "7", "8", "9"], trunkPrefix: "0"),
    .init(country: "NL", callingCode: "31", lengths: 9...9, prefixes: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: "0"),
    .init(country: "BE", callingCode: "32", lengths: 8...9, prefixes: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: "0"),
    .init(country: "US", callingCode: "1", lengths: 10...10, prefixes: ["2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: "1"),
    .init(country: "CA", callingCode: "1", lengths: 10...10, prefixes: ["2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: "1"),
    .init(country: "DO", callingCode: "1", lengths: 10...10, prefixes: ["809", "829", "849"], trunkPrefix: "1"),
    .init(country: "MX", callingCode: "52", lengths: 10...10, prefixes: ["2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: nil),
    .init(country: "CO", callingCode: "57", lengths: 10...10, prefixes: ["3", "6"], trunkPrefix: nil),
    .init(country: "VE", callingCode: "58", lengths: 10...10, prefixes: ["2", "4", "5", "8", "9"], trunkPrefix: "0"),
    .init(country: "AR", callingCode: "54", lengths: 10...11, prefixes: ["1", "2", "3", "6", "8", "9"], trunkPrefix: "0"),
    .init(country: "CL", callingCode: "56", lengths: 9...9, prefixes: ["2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: nil),
    .init(country: "PE", callingCode: "51", lengths: 8...9, prefixes: ["1", "4", "5", "6", "7", "8", "9"], trunkPrefix: "0"),
    .init(country: "EC", callingCode: "593", lengths: 8...9, prefixes: ["2", "3", "4", "5", "6", "7", "9"], trunkPrefix: "0"),
    .init(country: "BR", callingCode: "55", lengths: 10...11, prefixes: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: "0"),
    .init(country: "PA", callingCode: "507", lengths: 7...8, prefixes: ["2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: nil),
    .init(country: "UY", callingCode: "598", lengths: 8...8, prefixes: ["2", "4", "9"], trunkPrefix: "0"),
    .init(country: "PY", callingCode: "595", lengths: 7...9, prefixes: ["2", "3", "4", "5", "6", "7", "8", "9"], trunkPrefix: "0"),
    .init(country: "BO", callingCode: "591", lengths: 8...8, prefixes: ["2", "3", "4", "6", "7"], trunkPrefix: "0"),
    .init(country: "CR", callingCode: "506", lengths: 8...8, prefixes: ["2", "4", "5", "6", "7", "8", "9"], trunkPrefix: nil),
    .init(country: "GT", callingCode: "502", lengths: 8...8, prefixes: ["2", "3", "4", "5", "6", "7"], trunkPrefix: nil),
]
