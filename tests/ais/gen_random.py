# gen_random.py SEED COUNT: random but well-formed AIS sentences of every
# standard type and of the lengths gpsd accepts (type 21 kept to <=14 name
# extension characters: gpsd 3.22 overruns its buffer beyond that, see
# docs/ais.md). Expected outputs: gpsdecode 3.22 -u -j and -j on this file
# with "device":"stdin", removed (regenerate with tests/ais/regen.sh).
import random,sys
random.seed(int(sys.argv[1]) if len(sys.argv)>1 else 1)
def arm(v): return chr(v+48) if v<40 else chr(v+56)
def cks(s):
    c=0
    for ch in s: c^=ord(ch)
    return "%02X"%c
lens={1:[168,163,170,204],2:[168],3:[168],4:[168],5:[424,420,422,426],9:[168],11:[168],18:[168],19:[312],21:[272,300,350,356],24:[160,168],27:[96,168],6:[88,200],8:[56,300],7:[72,168],10:[72],12:[100],14:[80],15:[88,160],16:[96,144],17:[80,200],20:[72,160],22:[168],23:[160],25:[40,100,168],26:[60,200]}
out=[]
for i in range(int(sys.argv[2]) if len(sys.argv)>2 else 400):
    t=random.choice(list(lens))
    L=random.choice(lens[t])
    bits=[random.randint(0,1) for _ in range(L)]
    for k in range(6): bits[k]=(t>>(5-k))&1
    if t==24:
        part=random.choice([0,1]); bits[38]=0; bits[39]=part
        if part==0: L=random.choice([160,168]); bits=bits[:L]
        else: L=168; bits=bits[:168]+[0]*(168-len(bits))
    if t==1 and random.random()<0.3:
        # turn special values
        v=random.choice([0,-128,-127,127,5,-5,20,-20,1,-1])&0xff
        for k in range(8): bits[42+k]=(v>>(7-k))&1
    if t in (1,18,19) and random.random()<0.2:
        sp=random.choice([1023,1022,0,1021]); s0=50 if t==1 else 46
        for k in range(10): bits[s0+k]=(sp>>(9-k))&1
    pad=(6-L%6)%6
    b=bits+[0]*pad
    pay=''.join(arm(int(''.join(map(str,b[j:j+6])),2)) for j in range(0,len(b),6))
    if len(pay)>60:
        parts=[pay[:60],pay[60:]]
        seq=str(i%10)
        for n,p in enumerate(parts):
            body="AIVDM,2,%d,%s,A,%s,%d"%(n+1,seq,p,pad if n==1 else 0)
            out.append("!%s*%s"%(body,cks(body)))
    else:
        body="AIVDM,1,1,,B,%s,%d"%(pay,pad)
        out.append("!%s*%s"%(body,cks(body)))
print("\n".join(out))
