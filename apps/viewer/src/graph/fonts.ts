/** Canvas fonts: system fonts with the CJK families listed for Chinese names (works offline). */
export const LABEL_FONT =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif';
