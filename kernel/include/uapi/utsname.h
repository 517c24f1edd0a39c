/* uapi/utsname.h - struct utsname for uname(2): six fields of 65 bytes. */
#ifndef UAPI_UTSNAME_H
#define UAPI_UTSNAME_H

struct utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

#endif
