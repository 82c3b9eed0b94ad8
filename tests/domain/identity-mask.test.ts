/** Resident ID and mobile number checks (shared/src/identity.ts) and masking (shared/src/mask.ts). */
import { isMobile, isResidentId, maskIdNumber, maskPhone } from '@civic/shared'

describe('isResidentId (GB 11643-1999)', () => {
  test.each([
    ['the standard example with check character X', '11010519491231002X'],
    ['a lower-case x as check character', '11010519491231002x'],
    ['another X check character', '44030419850101118X'],
    ['a numeric check digit', '110101199003071233'],
    ['a check digit 0', '510107199912311030'],
    ['29 February of a leap year', '320102200002290013'],
    ['1 January 1900', '110101190001010006'],
  ])('when the number is %s (%s), then it is valid', (_what, id) => {
    expect(isResidentId(id)).toBe(true)
  })

  test.each([
    ['a wrong check digit', '110101199003071234'],
    ['a digit where the check character must be X', '110105194912310021'],
    ['an X where a digit is due', '11010119900307123X'],
    ['30 February', '110101202602300004'],
    ['29 February of a common year (1901)', '110101190102290000'],
    ['month 13', '110101199013010004'],
    ['day 32', '110101199001320005'],
    ['a date before 1900', '110101189912310001'],
    ['17 characters', '11010119900307123'],
    ['19 characters', '1101011990030712330'],
    ['an X in the middle', '1101011990X3071233'],
    ['the old 15-digit format', '110101900307123'],
    ['an empty string', ''],
  ])('when the number has %s (%s), then it is invalid', (_what, id) => {
    expect(isResidentId(id)).toBe(false)
  })
})

describe('isMobile', () => {
  test.each(['13812345678', '15912345678', '19912345678', '16612345678'])('when the number is %s, then it is a mobile number', (n) => {
    expect(isMobile(n)).toBe(true)
  })

  test.each([
    ['a second digit 2', '12812345678'],
    ['a leading 2', '23812345678'],
    ['10 digits', '1381234567'],
    ['12 digits', '138123456789'],
    ['a country code', '+8613812345678'],
    ['spaces', '138 1234 5678'],
    ['a landline', '01012345678'],
  ])('when the number has %s (%s), then it is not', (_what, n) => {
    expect(isMobile(n)).toBe(false)
  })
})

describe('maskPhone', () => {
  test.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['12345', '***45'],
    ['', null],
    [null, null],
    [undefined, null],
  ])('when %p is masked, then it shows %p', (input, shown) => {
    expect(maskPhone(input)).toBe(shown)
  })

  test('when a mobile number is masked, then the middle four digits are gone', () => {
    const masked = maskPhone('13812345678')!

    expect(masked).not.toContain('1234')
    expect(masked).toHaveLength(11)
  })
})

describe('maskIdNumber', () => {
  test.each([
    ['110101199003071233', '1101**********1233'],
    ['11010519491231002X', '1101**********002X'],
    [' 110101199003071233 ', '1101**********1233'],
    ['1234567', '*****67'],
    ['', null],
    [null, null],
  ])('when %p is masked, then it shows %p', (input, shown) => {
    expect(maskIdNumber(input)).toBe(shown)
  })

  test('when a resident ID is masked, then the date of birth is not visible', () => {
    expect(maskIdNumber('110101199003071233')).not.toContain('19900307')
  })
})
