import { describe, expect, it } from 'vitest';
import { extractOrderNumber } from '../../../../src/core/triage/extract-order-number.js';
import { normalizeText } from '../../../../src/core/triage/normalize.js';

// The extractor reads the folded (simplified) text, as triage gives it.
const orderOf = (text: string) => extractOrderNumber(normalizeText(text).cased);

describe('extractOrderNumber', () => {
  it.each([
    ['Hi, where is my order? It was due Friday. #5540091', '5540091'],
    ['I returned 2 of the 4 shirts but was refunded for 1. Return 2290331.', '2290331'],
    ['Third time explaining this. Case 00448812.', '00448812'],
    ['why was my warranty repair declined? Job 10-5532', '10-5532'],
    ['the repaired washer leaks again. service job 88210-SJ', '88210-SJ'],
    ['個parcel卡咗喺海關兩個禮拜，YT77120983HK，你哋可唔可以跟進下', 'YT77120983HK'],
    ['為什麼我的包裹在轉運中心待了一個禮拜？追蹤號碼 TW-EX-55612098', 'TW-EX-55612098'],
    ['The desk I ordered (11-40021) arrived with a big scratch', '11-40021'],
    ['81720033 — the bath seat suction cups came off', '81720033'],
    ['Hello, 501178 — the plates have chips on the rims', '501178'],
    ['速遞員話我唔喺度，8820-1193-7', '8820-1193-7'],
    ['我專登請假等送貨，結果佢哋冇嚟，20931177呢張單你哋起碼要賠返啲嘢', '20931177'],
    ['1Z999AA10123456784 has been "label created" for 10 days', '1Z999AA10123456784'],
    ['同城快递走了一个礼拜？？？ yd8801923374', 'yd8801923374'],
    ['订单号是 jd_9920183345，给我换个内胆', 'jd_9920183345'],
    // Cantonese "係" (is) between the label and the number, as "是" in Mandarin.
    ['部雪櫃送嚟嗰陣個箱爛晒，要換部新嘅，order 係 77812034，我電話 9123 4567', '77812034'],
    ['我個訂單號碼係 ord-77120-hk，已經俾咗錢但系統話冇收到款', 'ord-77120-hk'],
    // Named as the order, a number shaped like a Taiwan mobile is still the order.
    ['寄來的鞋子是兩隻左腳🙃 訂單 0981276634', '0981276634'],
    // A short reference is an order number when the customer labels it so.
    ['order 5512 where? 10 day already', '5512'],
    ['hi, bought a shirt, it\'s the wrong colour (navy not black). ordr 77103', '77103'],
    // Spaced groups after a label, as printed on labels: one reference, with its prefix.
    ['沙发外包装全破了，木架都压断一根。订单 sf 6620 3318 09', 'sf 6620 3318 09'],
    ['三天了还是待揽收（订单号：T1129 4471 0086），生日都过了', 'T1129 4471 0086'],
    ['Tracking ref ukp 5520 9981 hasn\'t updated since Sunday.', 'ukp 5520 9981'],
    ['订单号是 7789 0012 3345，能不能都换成新批次的', '7789 0012 3345'],
    // …but never joined with the phone number after it.
    ['单号 SF1234567890 13812345678 快点', 'SF1234567890'],
  ])('finds the reference in %j', (text, expected) => {
    expect(orderOf(text)).toBe(expected);
  });

  it.each([
    ['再不退钱我就打12315'],
    ['Following up on ticket 8812. Last week you said a replacement would be sent'],
    ['订单号是 5523 8891 吗？我查不到物流信息'],
    ['I placed the order 2025 and it still has not come'],
    ['孩子喝了果汁以后一直吐，批次号20240411B'],
    ["It's the 20000mAh one, model PB-20K."],
    ['Pack still here with lot number 7731A on it.'],
    ['我的手機是0912-345-678，請確認是不是你們把資料外流'],
    ['I was charged $34 twice on 2024-05-01'],
  ])('finds none in %j', (text) => {
    expect(orderOf(text)).toBeNull();
  });
});
