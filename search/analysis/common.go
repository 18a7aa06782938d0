package analysis

// commonWords are everyday words of English, Roman Urdu and Urdu that are
// not stop words (they can carry meaning, so pages are indexed with them)
// but that a query engine must never take for a typo: when the index does
// not have "naam" (name), it is not a mistyped "inaam" (prize), nor "cant"
// a mistyped "want", nor "khat" (letter) a mistyped "chat". search/query
// corrects only words that are in neither the index nor this list.
const englishCommonWords = `
able across act actually add ago agree almost alone along already also always
another anyone anything anyway anywhere around ask asked away back bad
bag became become bed began begin behind believe best better big bit body book
boy bring brother brought buy call came cant car care carry case cause change
child city close cold come coming could couldnt day days dead dear didnt die
died different doesnt done dont door dream drive during early easy eat else
end enough even ever every everyone everything eye eyes face fact fall far
fast father feel feeling felt find fine fire first food foot forget forgot
found friend full gave get gets getting girl give given go goes going gone
good got great group grow guy guys hand hands happen happened happy hard
head hear heard heart hello hey hi high hold home hope hour house idk im
inside isnt ive just keep kept kid kind knew know known last late later
leave left less let life like line little live long look looking lose lost
lot love made make makes making man many may maybe mean men might mind
mine minute miss moment month morning mother move much must name need never
new next nice night nobody none nothing now number okay ok old once open
people person place play please plz point put rather read real really
reason right room run said save saw say says school see seem seen send sent
set shall show side since sir sit small someone something sometimes soon
sorry start still stop story street sure take taken talk tell thank thanks
thing things think thought time today together told tomorrow tonight took
try trying turn two u ur usually wait walk want wanted wants wasnt watch
water way week well went whole wife without woman women wont word work
world worry year years yes yet young youre`

const romanUrduCommonWords = `
aaj ab abhi accha acha agar ajeeb apko aya aye ayi baad baat bahar bahut
bana banaya bara bari bas bata batao baat bhai bohat bohot bol bola bolo
bolta bura chahiye chahte chahti chahta chal chala chali chalo chhota chor
chup dega degi denge de dena do dono dost dunga dungi ek gal galat ghar
hamesha haan han hi hota hoti hote hum hun jab jaldi jana jata jati jate
jo kab kaha kahan kaam kam kabhi kal kese kesi khat kia kidhar kiya koi kon
kyu kyun kyunke larka larki lekin liye log lagta lagti magar maine mat mil
mila mili mujhay mujhse naam nahi nai paas pata pehle phir pyar rakh rakha
raat rha rhi rhe sab sakta sakti sakte sath shayad sirf soch subah tak
tab theek thik tou to tu tumhe tumhari un unka unki usay usne uska uski
wala wali wale walay wapas waqt woh yahan yaar yar zara zyada
bare baare bary rakhun rakhoon rakhu rakhna rakhen rakhein chahti chahta
chahiye chahye chaiye hota hoti warna varna mang mango hona bulao`

const urduCommonWords = `
آج اب ابھی اچھا اگر بات باہر بہت بنا بڑا بس بتا بول پاس پتا پھر پہلے تب
تم ٹھیک جا جب جلدی چاہیے چاہتی چاہتا چل دن دو دوست رات سب ساتھ سکتا
سکتی صرف کام کب کبھی کل کون کہاں کیوں گھر لوگ لگتا مت مل نام وقت یہاں
یار زیادہ خط`

var commonWords = commonSet()

func commonSet() map[string]bool {
	set := wordSet(englishCommonWords, false)
	for w := range wordSet(romanUrduCommonWords, false) {
		set[w] = true
	}
	for w := range wordSet(urduCommonWords, true) {
		set[w] = true
	}
	return set
}

// IsCommonWord reports whether the folded word (a Token's Word) is an
// everyday word of English, Roman Urdu or Urdu, which search must not
// correct as a typo. Stop words are common words too.
func IsCommonWord(word string) bool {
	return commonWords[word] || englishStop[word] || urduStop[word]
}
