/**
 * Printer faults as the kiosk, staff and managers read them: what is wrong and what to do, in
 * Chinese and English. The raw detail (error code, address) stays for whoever fixes the network.
 */
export type PrinterFaultCode =
  | 'BAD_ADDRESS' | 'UNREACHABLE' | 'DROPPED' | 'NO_STATUS' | 'NOT_READ' | 'COVER_OPEN' | 'PAPER_OUT' | 'PRINTER_ERROR' | 'RESTARTED';

export interface PrinterFault {
  code: PrinterFaultCode;
  message: string;
  messageEn: string;
  detail: string;
}

const TEXT: Record<PrinterFaultCode, [string, string]> = {
  BAD_ADDRESS: ['打印机地址填写有误，请检查大厅配置', 'The printer address in the hall config is wrong'],
  UNREACHABLE: ['连不上打印机：请检查电源和网线', 'Cannot reach the printer: check its power and network cable'],
  DROPPED: ['打印机中途断开了连接', 'The printer dropped the connection'],
  NO_STATUS: ['打印机没有应答状态查询：可能死机，请关机再开', 'The printer does not answer: it may be hung, switch it off and on'],
  NOT_READ: ['打印机收下了连接却没有打印这张票：请关机再开', 'The printer took the connection but did not print the ticket: switch it off and on'],
  COVER_OPEN: ['打印机盖没有合上', 'The printer cover is open'],
  PAPER_OUT: ['打印纸用完了，请换纸', 'The printer is out of paper: load a new roll'],
  PRINTER_ERROR: ['打印机报告故障（切刀卡纸或过热），请检查', 'The printer reports an error (cutter jam or overheating)'],
  RESTARTED: ['服务重启前没有打印出来', 'Not printed before the hub restarted'],
};

export function printerFault(code: PrinterFaultCode, detail: string): PrinterFault {
  const [message, messageEn] = TEXT[code];
  return { code, message, messageEn, detail };
}

export function isFaultCode(x: unknown): x is PrinterFaultCode {
  return typeof x === 'string' && Object.hasOwn(TEXT, x);
}
