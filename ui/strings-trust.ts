/** Texts of paired devices and voided tickets; spread into ui/strings.ts like the other tables. */
export const trustZh = {
  status_voided: '已作废',
  say_voided: '这个号已由大厅作废（批量占号清理）。如需办理，请到取号机重新取号或咨询大堂工作人员。',
};

export const trustEn: Record<keyof typeof trustZh, string> = {
  status_voided: 'Voided',
  say_voided: 'The hall voided this number (it was one of many taken at once). To be served, take a new number at the kiosk or ask the lobby staff.',
};
