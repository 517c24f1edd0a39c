/* uapi/termios.h - terminal ioctls and struct termios, as the Linux kernel sees them. */
#ifndef UAPI_TERMIOS_H
#define UAPI_TERMIOS_H

#include <stdint.h>

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCSCTTY  0x540E
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGSID   0x5429
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B

#define NCCS 19
struct termios {                 /* the kernel's struct termios (36 bytes) */
	uint32_t c_iflag;
	uint32_t c_oflag;
	uint32_t c_cflag;
	uint32_t c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
};

/* c_iflag */
#define ICRNL  0000400           /* carriage return -> newline on input */
/* c_oflag */
#define OPOST  0000001
#define ONLCR  0000004           /* newline -> CR NL on output */
/* c_cflag */
#define B38400 0000017
#define CS8    0000060
#define CREAD  0000200
/* c_lflag */
#define ISIG   0000001           /* ^C, ^\, ^Z send signals */
#define ICANON 0000002           /* line by line, with editing */
#define ECHO   0000010
#define ECHOE  0000020
#define ECHOK  0000040
/* c_cc indexes */
#define VINTR  0
#define VQUIT  1
#define VERASE 2
#define VKILL  3
#define VEOF   4
#define VTIME  5
#define VMIN   6
#define VSUSP  10

struct winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#endif
