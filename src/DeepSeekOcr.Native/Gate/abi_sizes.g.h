/* Generated from native/include/deepseek_ocr.h by tools/DeepSeekOcr.AbiGen (build.sh runs it): do not edit. */
#ifndef DEEPSEEK_OCR_ABI_SIZES_G_H
#define DEEPSEEK_OCR_ABI_SIZES_G_H

/* The size of each struct callers fill, as each version of the header that changed it declared it. */
#define DSOCR_OCR_CLIENT_OPTIONS_SIZE_1_0 64
#define DSOCR_OCR_REQUEST_SIZE_1_0 104
#define DSOCR_OCR_REQUEST_SIZE_1_1 128
#define DSOCR_OCR_REQUEST_SIZE_1_2 144
#define DSOCR_OCR_DOCUMENT_OPTIONS_SIZE_1_2 88

#endif
